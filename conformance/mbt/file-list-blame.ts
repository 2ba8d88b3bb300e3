/**
 * When a session's paged file list differs from the model, was it the files or the paging? The
 * observation pages with small pages; on a difference this reads the same revision again in one
 * page (up to 200 files). If that single page is right (or the small pages held the right files
 * in the wrong order), the content is fine and the paging broke `list.complete`; otherwise the
 * difference is the content's and keeps the step's own invariant.
 */
import type { InvariantId } from '../invariants/catalogue.js';
import { canonicalJson } from '../model/environment-spec.js';
import type { SuiteReal } from './suite-model.js';

/** One file entry as listed. */
interface Entry {
  readonly path: string;
}

/** The invariant a file-list difference breaks: `list.complete` when only the paging is wrong. */
export async function fileListBlame(real: SuiteReal, sessionId: string, revision: string | undefined, listed: readonly unknown[] | undefined, want: readonly Entry[], blame: InvariantId): Promise<InvariantId> {
  if (listed === undefined || want.length > 200) return blame;
  const byPath = (a: unknown, b: unknown): number => ((a as Entry).path < (b as Entry).path ? -1 : (a as Entry).path > (b as Entry).path ? 1 : 0);
  if (canonicalJson([...listed].sort(byPath)) === canonicalJson([...want].sort(byPath))) return 'list.complete';
  const whole = await real.ctx.owner.api.listFiles(sessionId, { limit: 200, ...(revision === undefined ? {} : { revision }) });
  const body = whole.response.json as { items?: unknown; nextCursor?: unknown } | undefined;
  const onePage = whole.response.status === 200 && (body?.nextCursor ?? null) === null;
  return onePage && canonicalJson(body?.items ?? null) === canonicalJson(want) ? 'list.complete' : blame;
}
