/**
 * Short verbs over a contract-checked core, so semantic tests read like the rules they check.
 * Each asserts the status it expects and returns the parsed body.
 */
import { expect } from 'vitest';
import type { CheckedCore, TestRequest } from './checked-core.js';


/** Files as `path → text`. */
export type TextFiles = Readonly<Record<string, string>>;

/** Sends and asserts the status, with the body in the failure message. */
export function expectStatus(api: CheckedCore, status: number, method: string, url: string, request?: TestRequest) {
  const response = api.send(method, url, request);
  expect(response.status, `${method} ${url} → ${JSON.stringify(response.json)}`).toBe(status);
  return response;
}

/** Creates a session with text files; returns the detail view. */
export function createSession(api: CheckedCore, files: TextFiles = {}, fields: Record<string, unknown> = {}, token?: string) {
  const body = { ...fields, files: Object.entries(files).map(([path, content]) => ({ path, content })) };
  return expectStatus(api, 201, 'POST', '/v1/sessions', { json: body, token }).json;
}

/** Writes one file (200 or 201). */
export function putFile(api: CheckedCore, sessionId: string, path: string, text: string, request: TestRequest = {}) {
  const response = api.send('PUT', `/v1/sessions/${sessionId}/files/${encodePath(path)}`, { ...request, body: text });
  expect([200, 201], `PUT ${path} → ${JSON.stringify(response.json)}`).toContain(response.status);
  return response;
}

/** Deletes one file (204). */
export function deleteFile(api: CheckedCore, sessionId: string, path: string) {
  return expectStatus(api, 204, 'DELETE', `/v1/sessions/${sessionId}/files/${encodePath(path)}`);
}

/** Every file of a session (or at `?revision=`/`?checkpointId=`) as `path → text`. */
export function readTree(api: CheckedCore, sessionId: string, query = ''): Record<string, string> {
  const tree: Record<string, string> = {};
  let cursor: string | null = null;
  do {
    const page: { items: { path: string }[]; nextCursor: string | null } = expectStatus(api, 200, 'GET', `/v1/sessions/${sessionId}/files?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).json;
    for (const item of page.items) {
      const file = expectStatus(api, 200, 'GET', `/v1/sessions/${sessionId}/files/${encodePath(item.path)}${query ? `?${query.slice(1)}` : ''}`);
      tree[item.path] = new TextDecoder().decode(file.bytes);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return tree;
}

/** The detail view. */
export function getSession(api: CheckedCore, sessionId: string, token?: string) {
  return expectStatus(api, 200, 'GET', `/v1/sessions/${sessionId}`, { token }).json;
}

/** Forks; returns the child's detail view. */
export function fork(api: CheckedCore, sourceId: string, body: Record<string, unknown> = {}, token?: string) {
  return expectStatus(api, 201, 'POST', `/v1/sessions/${sourceId}/fork`, { json: body, token }).json;
}

/** Takes a checkpoint; returns it. */
export function checkpoint(api: CheckedCore, sessionId: string, label?: string) {
  return expectStatus(api, 201, 'POST', `/v1/sessions/${sessionId}/checkpoints`, { json: label === undefined ? {} : { label } }).json;
}

/** A file path is one URL segment: percent-encoded whole, slashes included. */
export function encodePath(path: string): string {
  return encodeURIComponent(path);
}
