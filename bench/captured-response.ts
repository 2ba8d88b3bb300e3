/**
 * One HTTP response as bytes and headers, captured from the mock so the node:http ceiling can
 * replay exactly the same thing.
 */
import { request } from 'node:http';

/** A response as the wire carried it, minus the headers node:http adds on its own. */
export interface CapturedResponse {
  readonly status: number;
  /** Lower-case names, as the server sent them (date, connection and keep-alive left out). */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyBase64: string;
}

/** Headers every node:http server writes by itself: the ceiling server adds its own. */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** GETs `url` with `headers` and returns the response; rejects on a transport error. */
export function captureResponse(url: string, headers: Readonly<Record<string, string>>): Promise<CapturedResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'GET', headers, timeout: 10_000 }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.once('error', reject);
      incoming.once('end', () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (value === undefined || TRANSPORT_HEADERS.has(name)) continue;
          kept[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: incoming.statusCode ?? 0, headers: kept, bodyBase64: Buffer.concat(chunks).toString('base64') });
      });
    });
    outgoing.once('timeout', () => outgoing.destroy(new Error(`GET ${url} timed out`)));
    outgoing.once('error', reject);
    outgoing.end();
  });
}

/** The body of a captured response as text. */
export function capturedText(response: CapturedResponse): string {
  return Buffer.from(response.bodyBase64, 'base64').toString('utf8');
}
