/** A small binary max-heap; the revision walks use it to visit newer generations first. */
export class MaxHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly priority: (item: T) => number) {}

  /** Number of queued items. */
  get size(): number {
    return this.items.length;
  }

  /** Adds an item, O(log n). */
  push(item: T): void {
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.rank(parent) >= this.rank(i)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns an item of highest priority, O(log n). */
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    items[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < items.length && this.rank(l) > this.rank(best)) best = l;
      if (r < items.length && this.rank(r) > this.rank(best)) best = r;
      if (best === i) return top;
      this.swap(i, best);
      i = best;
    }
  }

  private rank(i: number): number {
    return this.priority(this.items[i] as T);
  }

  private swap(i: number, j: number): void {
    const items = this.items;
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}
