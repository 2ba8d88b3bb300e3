import type { OpenApiDocument, Reference } from './openapi-types.js';

function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';
}

/**
 * Follows local `#/...` references (parameters, responses, headers, request bodies) to the object
 * they name. Schema references are left to ajv.
 */
export function resolveRef<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops += 1) {
    if (hops > 16) throw new Error('reference cycle at ' + current.$ref);
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error('only local references are supported: ' + ref);
    current = ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    if (current === undefined) throw new Error('unresolvable reference ' + ref);
  }
  return current as T;
}
