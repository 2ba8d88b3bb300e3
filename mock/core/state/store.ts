import { ByteSlab, contentEquals, EMPTY_CONTENT, RevisionGraph, sha256Hex, type Content, type Sha256Hex } from '../domain/index.js';
import { CacheBook } from './cache-book.js';
import { CursorCodec } from './cursor.js';
import { EventLog } from './event-log.js';
import { IdFactory, MonotonicClock } from './ids.js';
import type { AnnotationRecord, ApprovalRecord } from './review-records.js';
import { SessionBook } from './session-book.js';
import type { CheckpointRecord, CommitRecord, SessionRecord } from './session-record.js';

/**
 * All state of one mock instance. No globals: every core owns its store, so tests and parallel
 * servers never share state. Reads are free; every write goes through the helpers below so that
 * version, updatedAt and hasUncommittedChanges stay consistent.
 */
export class Store {
  readonly ids = new IdFactory();
  readonly clock: MonotonicClock;
  readonly graph: RevisionGraph;
  readonly sessions = new Map<string, SessionRecord>();
  /** Sessions in creation order, which is (createdAt, id) ascending: the list index. */
  readonly order: SessionRecord[] = [];
  readonly checkpoints = new Map<string, CheckpointRecord>();
  readonly commits = new Map<string, CommitRecord>();
  /** Where written file contents and list summaries are kept (small ones share buffers). */
  readonly bytes = new ByteSlab();
  /** Page cursors (and the few keys too long to travel inside one). */
  readonly cursors: CursorCodec;
  /** The core's sha256: the portable one unless the adapter injected a faster one. */
  readonly sha256: Sha256Hex;
  /** Every session's event log (contract §13): handlers append, the events route reads. */
  readonly events: EventLog;
  /** Review notes, decisions and tool output beside each session (contract §13); none of them is content. */
  readonly annotations = new SessionBook<AnnotationRecord>();
  readonly approvals = new SessionBook<ApprovalRecord>();
  readonly cache = new CacheBook();
  private readonly byTag = new Map<string, SessionRecord[]>();

  constructor(now?: () => number, sha256: Sha256Hex = sha256Hex) {
    this.sha256 = sha256;
    this.cursors = new CursorCodec(sha256);
    this.clock = new MonotonicClock(now);
    this.graph = new RevisionGraph(() => this.ids.next('rev'));
    this.events = new EventLog(this.ids, this.clock);
  }

  /** The content of a revision. */
  content(revision: string): Content {
    return this.graph.require(revision).content;
  }

  /** The content a commit is compared with: last commit, else the fork point, else empty. */
  baseline(session: SessionRecord): Content {
    const base = session.committedRevision ?? session.baseRevision;
    return base === null ? EMPTY_CONTENT : this.content(base);
  }

  /** Records a change the detail view shows: version +1 and a new `updatedAt`. */
  touch(session: SessionRecord): void {
    session.version += 1;
    session.updatedAt = this.clock.now();
  }

  /** Recomputes the cached `hasUncommittedChanges` after `head` or `committedRevision` moved. */
  refreshUncommitted(session: SessionRecord): void {
    session.uncommitted = !contentEquals(this.content(session.head), this.baseline(session));
  }

  /**
   * Makes `content` the session's new head as one new revision (parents default to the current
   * head). Content equal to the head's makes no revision and changes nothing: returns false.
   */
  advance(session: SessionRecord, content: Content, parents: readonly string[] = [session.head]): boolean {
    if (contentEquals(this.content(session.head), content)) return false;
    session.head = this.graph.append(parents, content).id;
    this.refreshUncommitted(session);
    this.touch(session);
    return true;
  }

  /** Moves the head to an existing revision (fast-forward). */
  moveHead(session: SessionRecord, revision: string): void {
    session.head = revision;
    this.refreshUncommitted(session);
    this.touch(session);
  }

  /** Adds a new session at the end of the creation order. */
  add(session: SessionRecord): void {
    this.sessions.set(session.id, session);
    this.order.push(session);
    for (const tag of session.tags) this.tagged(tag).push(session);
  }

  /** Replaces a session's tags, keeping the tag index in step. The caller moves `version`. */
  setTags(session: SessionRecord, next: readonly string[]): void {
    const kept = new Set(next);
    for (const tag of session.tags) {
      if (kept.has(tag)) continue;
      const list = this.tagged(tag);
      const at = indexAfter(list, session.createdAt, session.id) - 1;
      if (list[at] === session) list.splice(at, 1);
    }
    const had = new Set(session.tags);
    for (const tag of next) {
      if (had.has(tag)) continue;
      const list = this.tagged(tag);
      list.splice(indexAfter(list, session.createdAt, session.id), 0, session);
    }
    session.tags = [...next];
  }

  /**
   * Sessions that carry `tag`, in creation order; deleted ones stay, as in `order`, for the list's
   * filter to skip. A tag filter walks this instead of every session, so a rare tag pages as fast
   * as a common one.
   */
  withTag(tag: string): readonly SessionRecord[] {
    return this.byTag.get(tag) ?? [];
  }

  private tagged(tag: string): SessionRecord[] {
    let list = this.byTag.get(tag);
    if (!list) {
      list = [];
      this.byTag.set(tag, list);
    }
    return list;
  }
}

/** Position of the first session after `(createdAt, id)` in a list in creation order (binary search). */
export function indexAfter(list: readonly SessionRecord[], createdAt: string, id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = list[mid] as SessionRecord;
    if (s.createdAt < createdAt || (s.createdAt === createdAt && s.id <= id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
