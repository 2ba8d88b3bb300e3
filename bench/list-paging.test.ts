// Shape and completeness of the list-paging measurement at a tiny size (no timing thresholds).
import { describe, expect, it } from 'vitest';
import { measureListPaging } from './list-paging.js';

describe('measureListPaging', () => {
  it('walks every page: all sessions unfiltered, every hundredth with the rare tag', () => {
    const result = measureListPaging(250, 20);
    const [all, rare] = result.walks;
    expect(all).toMatchObject({ query: '(none)', items: 250, pages: 13 });
    expect(rare).toMatchObject({ query: 'tag=rare', items: 3, pages: 1 });
    expect(result.walks.every((w) => w.microsPerPage > 0)).toBe(true);
  });
});
