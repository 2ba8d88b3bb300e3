/**
 * The mixed workload of `npm run bench`, aimed at sessions that event streams watch: every cycle
 * writes new bytes into one of the watched sessions (so every PUT writes an event), reads that
 * file back, creates a session and forks it, and reads a list page.
 */
import type autocannon from 'autocannon';
import { createStep } from './workloads.js';

/** What one cycle of {@link watchedMixedWorkload} does, for the report. */
export const WATCHED_CYCLE = 'create session (1 file), PUT new bytes into a watched session, GET that file, fork the new session, GET list page (limit 20)';

/** The cycle over `watched` (round robin across all connections). */
export function watchedMixedWorkload(token: string, watched: readonly string[]): () => autocannon.Request[] {
  const auth = `Bearer ${token}`;
  const json = { authorization: auth, 'content-type': 'application/json' };
  let writes = 0;
  const watchedFile = (index: number): string => `/v1/sessions/${encodeURIComponent(watched[index % watched.length] ?? '')}/files/README.md`;
  return () => [
    createStep(json),
    {
      method: 'PUT',
      headers: { authorization: auth, 'content-type': 'text/plain' },
      setupRequest: (request, context) => {
        writes += 1;
        (context as { write?: number }).write = writes;
        // New bytes every time: a PUT of equal bytes writes no event.
        return { ...request, path: watchedFile(writes), body: `# Bench ${writes}\n` };
      },
    },
    { method: 'GET', headers: { authorization: auth }, setupRequest: (request, context) => ({ ...request, path: watchedFile((context as { write?: number }).write ?? 0) }) },
    {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: 'bench fork' }),
      setupRequest: (request, context) => ({ ...request, path: `/v1/sessions/${encodeURIComponent((context as { sessionId?: string }).sessionId ?? watched[0] ?? '')}/fork` }),
    },
    { method: 'GET', path: '/v1/sessions?limit=20', headers: { authorization: auth } },
  ];
}

/** Creates `count` sessions of one small file each (the sessions the workload writes into); their ids in order. */
export async function createSessions(url: string, token: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ title: `watched ${i}`, files: [{ path: 'README.md', content: '# Watched\n' }] }) });
    if (response.status !== 201) throw new Error(`POST /v1/sessions answered ${response.status}`);
    ids.push(((await response.json()) as { id: string }).id);
  }
  return ids;
}
