/** Reading the benches' numeric flags: one check, one message, for every bench's options. */

/** `value` as a positive number, or an error naming `--name`. */
export function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
  return n;
}
