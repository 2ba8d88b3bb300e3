/**
 * Escaping for the HTML report: every value that reaches the page goes through these, since
 * messages, bodies and headers come from the server under test.
 */

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in element content and in quoted attribute values. */
export function esc(text: string | number | boolean | null | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A value as escaped text: strings as they are, anything else as indented JSON. */
export function escValue(value: unknown): string {
  return esc(typeof value === 'string' ? value : JSON.stringify(value, null, 2) ?? String(value));
}

/** A two-column table of label → already-escaped HTML. */
export function keyValueTable(rows: ReadonlyArray<readonly [string, string]>): string {
  return `<table class="kv">${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`).join('')}</table>`;
}
