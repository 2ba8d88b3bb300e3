/**
 * How much body the mock buffers per request: the same in every adapter (node:http, fetch, MSW),
 * so a body refused by one is refused by all.
 */

/** Bodies above this are refused while streaming, before they are buffered (413), unless a `BodyLimit` says otherwise. */
export const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

/** The most body bytes to buffer for a request, by method and raw URL. */
export type BodyLimit = (method: string, url: string) => number;

/**
 * The most a `PUT /__admin/state` body may hold: 256 MiB. An export carries every file of every
 * accepted write as base64 (4/3 of its size), so a state holding one legal 5 MiB file already
 * exports to about 7 MB, past the 6 MiB every other request is held to.
 */
export const MAX_STATE_IMPORT_BYTES = 256 * 1024 * 1024;

/** The mock's body limit: {@link MAX_STATE_IMPORT_BYTES} for a state import, 6 MiB for the rest. */
export const mockBodyLimit: BodyLimit = (method, url) => {
  if (method !== 'PUT') return MAX_REQUEST_BYTES;
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  // The admin routes ignore a trailing slash.
  return path === '/__admin/state' || path === '/__admin/state/' ? MAX_STATE_IMPORT_BYTES : MAX_REQUEST_BYTES;
};
