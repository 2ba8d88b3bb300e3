/**
 * The README walkthrough (README.md "Walkthrough": create, write, fork, conflict, resolve, commit)
 * with the typed client instead of curl. `client/examples/walkthrough.test.ts` runs it against the
 * mock and checks every outcome below.
 */
import { createSessionClient, isSessionApiError, type MergeConflict, type SessionClient } from '../index.js';

/** What each step of the walkthrough answered. */
export interface WalkthroughOutcome {
  readonly sessionId: string;
  readonly forkId: string;
  readonly checkpointLabel: string | null;
  /** The first `:merge`: `409 merge-conflict` and its conflicts. */
  readonly conflict: { readonly status: number; readonly code: string; readonly conflicts: readonly MergeConflict[] };
  /** The second `:merge` with `strategy: theirs`. */
  readonly resolved: { readonly fastForward: boolean; readonly applied: readonly { path: string; change: string }[]; readonly resolved: readonly string[] };
  readonly summaryRevision: string;
  readonly summaryChanges: readonly { path: string; change: string }[];
  readonly commit: { readonly id: string; readonly revision: string; readonly changes: readonly { path: string; change: string }[] };
}

/** Runs the walkthrough with `client`; every step that should succeed throws a SessionApiError if it does not. */
export async function runWalkthrough(client: SessionClient): Promise<WalkthroughOutcome> {
  // Create a session with one file
  const { data: session } = await client.call('createSession', {
    body: { title: 'Walkthrough', files: [{ path: 'src/app.ts', content: 'export const v = 1;\n' }] },
  });
  const sessionId = session.id;

  // Write a file (the client encodes the path as one segment), then fork
  const text = { 'Content-Type': 'text/plain' };
  await client.call('putFile', { params: { path: { sessionId, filePath: 'README.md' } }, body: '# App', headers: text });
  const { data: fork } = await client.call('forkSession', { params: { path: { sourceSessionId: sessionId } }, body: { title: 'Proposal' } });

  // Change the same file on both sides, checkpoint the fork
  await client.call('putFile', { params: { path: { sessionId, filePath: 'src/app.ts' } }, body: 'export const v = 2;', headers: text });
  await client.call('putFile', { params: { path: { sessionId: fork.id, filePath: 'src/app.ts' } }, body: 'export const v = 3;', headers: text });
  const { data: checkpoint } = await client.call('createCheckpoint', { params: { path: { sessionId: fork.id } }, body: { label: 'v3' } });

  // Merge the fork back: 409 merge-conflict listing src/app.ts, nothing changed
  let conflict: WalkthroughOutcome['conflict'] | undefined;
  try {
    await client.call('mergeSession', { params: { path: { parentSessionId: sessionId } }, body: { sourceSessionId: fork.id } });
  } catch (error) {
    if (!isSessionApiError(error, 'merge-conflict')) throw error;
    conflict = { status: error.status, code: error.code, conflicts: error.conflicts };
  }
  if (!conflict) throw new Error('walkthrough: the first merge should have conflicted');

  // Resolve by taking the fork's side, then commit exactly what the summary showed
  const { data: merged } = await client.call('mergeSession', {
    params: { path: { parentSessionId: sessionId } },
    body: { sourceSessionId: fork.id, strategy: 'theirs', retireSource: true },
  });
  const { data: summary } = await client.call('generateCommitSummary', { params: { path: { sessionId } } });
  const { data: commit } = await client.call('commitSession', {
    params: { path: { sessionId } },
    body: { message: 'Walkthrough', expectedRevision: summary.revision },
  });

  return {
    sessionId,
    forkId: fork.id,
    checkpointLabel: checkpoint.label,
    conflict,
    resolved: { fastForward: merged.fastForward, applied: merged.applied, resolved: merged.resolved },
    summaryRevision: summary.revision,
    summaryChanges: summary.changes,
    commit: { id: commit.id, revision: commit.revision, changes: commit.changes },
  };
}

/** The walkthrough against a server: `runWalkthroughAt('http://127.0.0.1:4010', 'demo-bea')`. */
export function runWalkthroughAt(baseUrl: string, token: string): Promise<WalkthroughOutcome> {
  return runWalkthrough(createSessionClient({ baseUrl, token }));
}
