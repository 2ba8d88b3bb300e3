/**
 * The README's "Typed client" example, between the snippet markers: README.md quotes it verbatim
 * (`readme-snippet.test.ts` checks that and runs it against the mock), so the documented example
 * compiles and works.
 */
import { createSessionClient, ifMatch, isSessionApiError, type MergeConflict } from '../index.js';

// README snippet starts
/** Create, write by plain path, hit a merge conflict, list files page by page, delete with If-Match. */
export async function quickStart(baseUrl: string, token: string): Promise<{ conflicts: readonly MergeConflict[]; paths: string[] }> {
  const client = createSessionClient({ baseUrl, token }); // fetch?: your own fetch
  const { data: session } = await client.call('createSession', { body: { title: 'Login form' } });
  const sessionId = session.id;
  // A plain file path: the client sends src/app.ts as the one segment src%2Fapp.ts.
  const file = (id: string) => ({ params: { path: { sessionId: id, filePath: 'src/app.ts' } }, headers: { 'Content-Type': 'text/plain' } });
  await client.call('putFile', { ...file(sessionId), body: 'export {};\n' });
  const { data: fork } = await client.call('forkSession', { params: { path: { sourceSessionId: sessionId } }, body: { title: 'Proposal' } });
  await client.call('putFile', { ...file(fork.id), body: 'export const a = 1;\n' });
  await client.call('putFile', { ...file(sessionId), body: 'export const b = 2;\n' });
  let conflicts: readonly MergeConflict[] = [];
  try {
    await client.call('mergeSession', { params: { path: { parentSessionId: sessionId } }, body: { sourceSessionId: fork.id } });
  } catch (error) {
    if (!isSessionApiError(error, 'merge-conflict')) throw error;
    conflicts = error.conflicts; // error.status 409, error.code 'merge-conflict'
  }
  const paths: string[] = [];
  for await (const entry of client.pages('listFiles', { params: { path: { sessionId }, query: { limit: 1 } } })) paths.push(entry.path);
  const latest = await client.call('getSession', { params: { path: { sessionId } } });
  await client.call('deleteSession', { params: { path: { sessionId }, header: ifMatch(latest) } });
  return { conflicts, paths };
}
// README snippet ends
