/**
 * README.md's walkthrough through `fetch`, for adapters that answer fetch (MSW in Node, a service
 * worker in a page, the core behind the fetch adapter). The caller validates every answer against
 * the contract and asserts the result.
 */

/** One answer as the walkthrough read it. */
export interface FetchedAnswer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly json: any;
}

/** What the walkthrough ends with, for the caller to assert. */
export interface WalkthroughResult {
  readonly answers: readonly FetchedAnswer[];
  readonly conflict: any;
  readonly resolved: any;
  readonly summary: any;
  readonly commit: any;
  /** The event a stream opened on the session received for a file written while it listened. */
  readonly liveEvent: any;
}

/**
 * Runs the walkthrough against `baseUrl` as `token` through `fetch` (the global one unless given);
 * throws naming the step when a status differs.
 */
export async function fetchWalkthrough(baseUrl: string, token = 'demo-bea', fetch: (request: Request) => Promise<Response> = globalThis.fetch): Promise<WalkthroughResult> {
  const answers: FetchedAnswer[] = [];
  const send = async (method: string, path: string, expected: number, body?: unknown, type = 'application/json'): Promise<FetchedAnswer> => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    let payload: string | undefined;
    if (body !== undefined) {
      headers['content-type'] = type;
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(new Request(`${baseUrl}${path}`, { method, headers, body: payload }));
    const text = await response.text();
    const flat: Record<string, string> = {};
    response.headers.forEach((value, name) => (flat[name] = value));
    const answer = { method, path, status: response.status, headers: flat, text, json: /json/.test(flat['content-type'] ?? '') && text !== '' ? JSON.parse(text) : undefined };
    answers.push(answer);
    if (response.status !== expected) throw new Error(`${method} ${path} answered ${response.status}, expected ${expected}: ${text.slice(0, 300)}`);
    return answer;
  };
  const s = (await send('POST', '/v1/sessions', 201, { title: 'Walkthrough', files: [{ path: 'src/app.ts', content: 'export const v = 1;\n' }] })).json.id as string;
  await send('PUT', `/v1/sessions/${s}/files/README.md`, 201, '# App', 'text/plain');
  const f = (await send('POST', `/v1/sessions/${s}/fork`, 201, { title: 'Proposal' })).json.id as string;
  await send('PUT', `/v1/sessions/${s}/files/src%2Fapp.ts`, 200, 'export const v = 2;', 'text/plain');
  await send('PUT', `/v1/sessions/${f}/files/src%2Fapp.ts`, 200, 'export const v = 3;', 'text/plain');
  await send('POST', `/v1/sessions/${f}/checkpoints`, 201, { label: 'v3' });
  const conflict = (await send('POST', `/v1/sessions/${s}:merge`, 409, { sourceSessionId: f })).json;
  const resolved = (await send('POST', `/v1/sessions/${s}:merge`, 200, { sourceSessionId: f, strategy: 'theirs', retireSource: true })).json;
  const summary = (await send('POST', `/v1/sessions/${s}/generateCommitSummary`, 200)).json;
  const commit = (await send('POST', `/v1/sessions/${s}/commit`, 201, { message: 'Walkthrough', expectedRevision: summary.revision })).json;

  // The event stream, read with fetch (EventSource cannot send Authorization): after the backlog,
  // a file written now arrives as a live event.
  const controller = new AbortController();
  const stream = await fetch(new Request(`${baseUrl}/v1/sessions/${s}/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: controller.signal }));
  if (stream.status !== 200 || stream.body === null) throw new Error(`the event stream answered ${stream.status}`);
  const reader = stream.body.pipeThrough(new TextDecoderStream()).getReader();
  await send('PUT', `/v1/sessions/${s}/files/live.txt`, 201, 'live', 'text/plain');
  let buffered = '';
  let liveEvent: any;
  while (liveEvent === undefined) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the event stream ended before the live event');
    buffered += value;
    for (const frame of buffered.split('\n\n')) {
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      const event = data === undefined ? undefined : JSON.parse(data);
      if (event?.type === 'file.written' && event.data?.path === 'live.txt') liveEvent = event;
    }
  }
  controller.abort();
  await reader.cancel().catch(() => undefined);
  return { answers, conflict, resolved, summary, commit, liveEvent };
}
