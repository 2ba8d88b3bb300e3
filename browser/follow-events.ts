/**
 * The browser pattern for following a session's event stream, exactly as README.md "Events"
 * quotes it (readme-snippet.test.ts keeps the two identical). It runs in browsers as written:
 * browser-events.e2e.test.ts loads the built file into Chromium and follows the mock with it.
 * `EventSource` cannot send `Authorization` and the API takes no token in a URL (contract §13
 * "Browsers"), so this reads the stream with `fetch` and parses the `text/event-stream` blocks.
 */

// README snippet starts
/** Follows a session's events until the stream ends or `signal` aborts; resolves with the last id seen, to resume from. */
export async function follow(url: string, token: string, onEvent: (event: { id: string; type: string }) => void, lastId?: string, signal?: AbortSignal): Promise<string | undefined> {
  const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
  if (lastId) headers['Last-Event-ID'] = lastId;
  const response = await fetch(url, { headers, signal });
  if (!response.ok || !response.body) throw new Error(`events: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return lastId; // ended: reconnect with follow(url, token, onEvent, lastId) unless the session was deleted
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((line) => line.startsWith('data: '));
        if (!data) continue; // a `: keep-alive` comment
        const event = JSON.parse(data.slice(6)) as { id: string; type: string };
        lastId = event.id;
        onEvent(event);
      }
    }
  } catch (error) {
    if (signal?.aborted) return lastId; // the caller stopped it: resume later with this id
    throw error;
  }
}
// README snippet ends
