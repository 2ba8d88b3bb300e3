/**
 * `cachePut(s0, lint.eslint=v1, ttl=1)`, `cacheGet(s0, lint.eslint)`, `cacheDelete(…)`,
 * `cacheList(s0, prefix=lint.)`: the cache beside a session. The suite cannot read the server's
 * clock, so an entry with a TTL is judged on the suite's own clock around each request
 * (contract README §13): surely live, surely gone, or either — then the server's answer decides
 * and the model follows it.
 */
import type { InvariantId } from '../../invariants/catalogue.js';
import { cacheEntriesAt, cacheEntryLiveness, cacheSlot, deleteCacheEntry, getCacheEntry, putCacheEntry, type Moment } from '../../model/ops-cache.js';
import { canonicalJson } from '../../model/environment-spec.js';
import type { Exchange } from '../../http/exchange.js';
import { blameTable } from '../blames.js';
import { judgeFields, judgeStatus } from '../judge.js';
import { SessionCommand, sLabel } from '../suite-command.js';
import type { SuiteModel, SuiteReal } from '../suite-model.js';

/** The keys steps use: two under one prefix, so prefix lists have something to leave out. */
export const CACHE_KEYS = ['lint.eslint', 'lint.tsc', 'test:unit'] as const;
/** The values steps write: any JSON, `null` included. */
export const CACHE_VALUES: readonly unknown[] = [{ errors: 0, warnings: 2 }, [1, 'two', { three: 3 }], null, 'ok', 42.5];

/** What a cache step does. */
export type CacheOp = { kind: 'put'; value: number; ttl: number | null; asViewer: boolean } | { kind: 'get' } | { kind: 'delete' } | { kind: 'list'; prefix: string };

/** Sends `send` and returns its exchange and the window of the suite's clock it took. */
async function timed(send: () => Promise<Exchange>): Promise<{ exchange: Exchange; at: Moment }> {
  const from = Date.now();
  const exchange = await send();
  return { exchange, at: { from, to: Date.now() } };
}

/** One cache request on a session of the run. */
export class CacheCommand extends SessionCommand {
  readonly blames = blameTable({
    'status of an entry without a TTL, fields (the answer and the read back), list order': 'cache.round-trip',
    'status of an entry with a TTL, ttlSeconds, expiresAt, an expired entry listed': 'cache.ttl',
    'a viewer writing': 'auth.viewer-read-only',
  });

  constructor(session: number, readonly key: (typeof CACHE_KEYS)[number], readonly op: CacheOp) {
    super(session);
  }

  protected override applies(model: Readonly<SuiteModel>): boolean {
    return super.applies(model) && model.surfaces.cache && (this.op.kind !== 'put' || !this.op.asViewer || model.hasViewer);
  }

  /** The id a wrong status breaks: the TTL rule for an entry that has one, else the round trip. */
  private blame(model: SuiteModel, id: string): InvariantId {
    return model.store.cache.get(cacheSlot(id, this.key))?.ttlSeconds != null ? 'cache.ttl' : 'cache.round-trip';
  }

  protected async execute(model: SuiteModel, real: SuiteReal): Promise<void> {
    const { ctx } = real;
    const id = this.sessionId(model);
    const op = this.op;
    if (op.kind === 'list') return this.list(model, real, id, op.prefix);
    const blame = this.blame(model, id);
    if (op.kind === 'put') {
      const who = op.asViewer && ctx.viewer ? ctx.viewer : ctx.owner;
      const body = { value: CACHE_VALUES[op.value], ...(op.ttl === null ? {} : { ttlSeconds: op.ttl }) };
      const { exchange, at } = await timed(() => who.api.putCacheEntry(id, this.key, body));
      const live = this.liveness(model, id, at, exchange.response.status === 200);
      const expected = putCacheEntry(model.store, who.principal, id, this.key, body, at, live);
      judgeStatus(ctx.selection, exchange, expected, expected.ok ? blame : 'cache.round-trip');
      if (!expected.ok) return;
      this.judgeEntry(real, exchange, expected.value);
      // Read it back: a write the server keeps other than it answered is caught at once.
      const { exchange: back, at: readAt } = await timed(() => ctx.owner.api.getCacheEntry(id, this.key));
      const readLive = this.liveness(model, id, readAt, back.response.status === 200);
      const again = getCacheEntry(model.store, ctx.owner.principal, id, this.key, readLive);
      judgeStatus(ctx.selection, back, again, this.blame(model, id));
      if (again.ok) this.judgeEntry(real, back, again.value);
      return;
    }
    const { exchange, at } = await timed(() => (op.kind === 'get' ? ctx.owner.api.getCacheEntry(id, this.key) : ctx.owner.api.deleteCacheEntry(id, this.key)));
    const live = this.liveness(model, id, at, exchange.response.status === (op.kind === 'get' ? 200 : 204));
    const expected = op.kind === 'get' ? getCacheEntry(model.store, ctx.owner.principal, id, this.key, live) : deleteCacheEntry(model.store, ctx.owner.principal, id, this.key, live);
    judgeStatus(ctx.selection, exchange, expected, blame);
    if (expected.ok && expected.value !== null) this.judgeEntry(real, exchange, expected.value);
  }

  /** Whether the entry was live during `at`; when that is open, what the server's answer says. */
  private liveness(model: SuiteModel, id: string, at: Moment, serverSaysLive: boolean): boolean {
    const state = cacheEntryLiveness(model.store, id, this.key, at);
    return state === 'either' ? serverSaysLive : state === 'live';
  }

  /** The entry's fields, and `expiresAt` = `updatedAt` + the TTL (or null without one). */
  private judgeEntry(real: SuiteReal, exchange: Exchange, want: object): void {
    const sel = real.ctx.selection;
    judgeFields(sel, this.toString(), exchange.response.json, { ...want }, (field) => (field === 'ttlSeconds' ? 'cache.ttl' : 'cache.round-trip'));
    const body = (exchange.response.json ?? {}) as { ttlSeconds?: number | null; expiresAt?: string | null; updatedAt?: string };
    const expires = body.ttlSeconds == null ? null : new Date(Date.parse(String(body.updatedAt)) + body.ttlSeconds * 1000).toISOString();
    const got = body.expiresAt == null ? null : new Date(Date.parse(body.expiresAt)).toISOString();
    sel.expect(got === expires, 'cache.ttl', `${this.toString()}: expiresAt must be updatedAt + ttlSeconds`, expires, body.expiresAt);
  }

  /** Lists under a prefix: every surely live entry, in key order, and none that is surely gone. */
  private async list(model: SuiteModel, real: SuiteReal, id: string, prefix: string): Promise<void> {
    const { ctx } = real;
    const sel = ctx.selection;
    const { exchange, at } = await timed(() => ctx.owner.api.listCacheEntries(id, { prefix, limit: 200 }));
    sel.expect(exchange.response.status === 200, 'cache.round-trip', `${this.toString()}: expected 200, got ${exchange.response.status}`, 200, exchange.response.status);
    const items = ((exchange.response.json as { items?: unknown[] } | undefined)?.items ?? []) as Array<{ key?: string }>;
    const { live, either } = cacheEntriesAt(model.store, id, prefix, at);
    const keys = items.map((i) => String(i.key));
    const allowed = new Set([...live, ...either].map((r) => r.key));
    const ttlBroken = keys.some((k) => !allowed.has(k) && model.store.cache.get(cacheSlot(id, k))?.ttlSeconds != null) || live.some((r) => r.ttlSeconds !== null && !keys.includes(r.key));
    const sameSet = live.every((r) => keys.includes(r.key)) && keys.every((k) => allowed.has(k));
    sel.expect(sameSet, ttlBroken ? 'cache.ttl' : 'cache.round-trip', `${this.toString()}: listed ${keys.join(', ') || 'nothing'}, expected ${live.map((r) => r.key).join(', ') || 'nothing'}${either.length > 0 ? ` (maybe ${either.map((r) => r.key).join(', ')})` : ''}`, live.map((r) => r.key), keys);
    sel.expect(canonicalJson(keys) === canonicalJson([...keys].sort()), 'cache.round-trip', `${this.toString()}: entries are not sorted by key`, [...keys].sort(), keys);
    // An entry that might have expired and is not listed has expired: the model follows.
    for (const record of either) if (!keys.includes(record.key)) getCacheEntry(model.store, ctx.owner.principal, id, record.key, false);
  }

  toString(): string {
    const op = this.op;
    const s = sLabel(this.session);
    switch (op.kind) {
      case 'put': return `cachePut(${s}, ${this.key}=v${op.value}${op.ttl === null ? '' : `, ttl=${op.ttl}`}${op.asViewer ? ', viewer' : ''})`;
      case 'get': return `cacheGet(${s}, ${this.key})`;
      case 'delete': return `cacheDelete(${s}, ${this.key})`;
      case 'list': return `cacheList(${s}${op.prefix === '' ? '' : `, prefix=${op.prefix}`})`;
    }
  }
}
