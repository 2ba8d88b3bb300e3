/**
 * Base64 without Node's Buffer, so the core can run in a browser adapter as well. `atob`/`btoa`
 * work on "binary strings" (one char per byte).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Decodes standard base64; the caller has checked the alphabet. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** base64url of a UTF-8 string (cursors). */
export function toBase64Url(text: string): string {
  // ASCII text is already a binary string (every list page's cursor is): skip the UTF-8 round trip.
  const binary = /[^\p{ASCII}]/u.test(text) ? bytesToBase64(new TextEncoder().encode(text)) : btoa(text);
  return binary.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The UTF-8 string inside base64url; throws on bad input (callers catch). */
export function fromBase64Url(text: string): string {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(padded));
}
