/**
 * The mock behind the Fetch API's `Request → Response`: what MSW handlers, a service worker or any
 * fetch-based server (Deno, Bun, a Cloudflare-style worker) call. A thin adapter over the same
 * app and core as the node:http one; no Node import, so it runs in browsers and workers.
 */
import type { MockRequest, MockResponse } from '../core/http/messages.js';
import { mockBodyLimit, type BodyLimit } from '../app/body-limits.js';

/** Options of {@link createFetchHandler}. */
export interface FetchHandlerOptions {
  /** Body bytes buffered per request; past it the request is answered 413 as over node:http. Default: the mock's. */
  readonly bodyLimit?: BodyLimit;
  /** Added to every response that does not set them (e.g. `server`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A path prefix the API sits under (`/api`): stripped before the core sees the URL. */
  readonly pathPrefix?: string;
  /** An open event stream sends the core's keep-alive after this long quiet; default 15000 ms, 0 for never. */
  readonly heartbeatMs?: number;
}

const utf8 = new TextEncoder();

/** A fetch `Request` as the core reads it: the raw path and query, lower-case headers, the body bytes. */
export async function toMockRequest(request: Request, bodyLimit: BodyLimit = mockBodyLimit, pathPrefix = ''): Promise<MockRequest> {
  const url = new URL(request.url);
  const path = pathPrefix !== '' && url.pathname.startsWith(pathPrefix) ? url.pathname.slice(pathPrefix.length) || '/' : url.pathname;
  const target = `${path}${url.search}`;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return { method: request.method, url: target, headers };
  const limit = bodyLimit(request.method, target);
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return { method: request.method, url: target, headers, bodyOverLimit: limit };
  const body = new Uint8Array(await request.arrayBuffer());
  return body.length > limit ? { method: request.method, url: target, headers, bodyOverLimit: limit } : { method: request.method, url: target, headers, body };
}

/** The event stream of a response as a fetch body: the backlog at once, then each event; cancelling it releases the subscription. */
function streamBody(response: MockResponse, heartbeatMs: number): ReadableStream<Uint8Array> {
  const stream = response.stream;
  if (!stream) throw new Error('streamBody: the response has no stream');
  let close: (() => void) | undefined;
  let beat: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => {
    if (beat !== undefined) clearInterval(beat);
    close?.();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let ended = false;
      close = stream.open({
        write: (chunk) => {
          if (!ended) controller.enqueue(utf8.encode(chunk));
        },
        end: () => {
          if (ended) return;
          ended = true;
          stop();
          controller.close();
        },
      });
      if (heartbeatMs > 0 && !ended) beat = setInterval(() => controller.enqueue(utf8.encode(stream.keepAlive)), heartbeatMs);
    },
    cancel: stop,
  });
}

/** A core response as a fetch `Response`. */
export function toFetchResponse(response: MockResponse, method: string, extraHeaders: Readonly<Record<string, string>> = {}, heartbeatMs = 15_000): Response {
  const headers = new Headers(extraHeaders);
  for (const name in response.headers) headers.set(name, response.headers[name] as string);
  // A 204/304 and a HEAD answer have no body (the Response constructor refuses one on a 204).
  const bodiless = method === 'HEAD' || response.status === 204 || response.status === 304;
  if (response.stream) return new Response(bodiless ? null : streamBody(response, heartbeatMs), { status: response.status, headers });
  const body = bodiless || response.body === undefined ? null : typeof response.body === 'string' ? response.body : response.body.slice();
  return new Response(body, { status: response.status, headers });
}

/** `(Request) → Promise<Response>` over an app's or a core's `handle`. */
export function createFetchHandler(handle: (request: MockRequest) => MockResponse | Promise<MockResponse>, options: FetchHandlerOptions = {}): (request: Request) => Promise<Response> {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  return async (request) => {
    const response = await handle(await toMockRequest(request, options.bodyLimit, options.pathPrefix));
    return toFetchResponse(response, request.method, options.headers, heartbeatMs);
  };
}
