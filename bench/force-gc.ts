/**
 * A way to force a full garbage collection, for heap figures that mean something: `global.gc`
 * under `node --expose-gc`, otherwise the same function obtained by setting the flag at runtime.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full, synchronous garbage collection, or null when this runtime offers none. */
export function resolveGc(): (() => void) | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  try {
    setFlagsFromString('--expose-gc');
    // A new context created after the flag is set gets its own `gc` global.
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}
