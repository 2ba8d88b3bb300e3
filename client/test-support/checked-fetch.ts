/**
 * A fetch for client tests that checks every answer it passes on against the contract, as the
 * mock's own tests do (mock/test-support/checked-core.ts): an undocumented status, header or an
 * off-schema body is recorded in `violations`, which the test asserts empty. Streams are checked
 * by their head only (their body never ends).
 */
import { contractViolations } from '../../mock/test-support/checked-core.js';

/** A checking fetch and what it found. */
export interface CheckedFetch {
  readonly fetch: (input: Request) => Promise<Response>;
  readonly violations: string[];
  /** Every request it sent, as `METHOD path?query` with the headers the tests look at. */
  readonly sent: { readonly method: string; readonly url: string; readonly headers: Headers }[];
}

/** Wraps `globalThis.fetch` (or `inner`). */
export function checkedFetch(inner: (input: Request) => Promise<Response> = (input) => globalThis.fetch(input)): CheckedFetch {
  const violations: string[] = [];
  const sent: CheckedFetch['sent'] = [];
  return {
    violations,
    sent,
    fetch: async (input) => {
      const url = new URL(input.url);
      const target = `${url.pathname}${url.search}`;
      sent.push({ method: input.method, url: target, headers: new Headers(input.headers) });
      const response = await inner(input);
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => { headers[name] = value; });
      const streamed = (headers['content-type'] ?? '').startsWith('text/event-stream');
      const body = streamed ? undefined : new Uint8Array(await response.clone().arrayBuffer());
      const found = contractViolations(
        { method: input.method, url: target, headers: {} },
        { status: response.status, headers, ...(body && body.length > 0 ? { body } : {}) },
      );
      violations.push(...found.map((v) => `${input.method} ${target}: ${v}`));
      return response;
    },
  };
}
