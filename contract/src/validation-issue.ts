import type { ErrorObject } from 'ajv';

/** One problem found in a request or response, as problem+json `errors[]` carries it. */
export interface ValidationIssue {
  /** JSON Pointer into the body (`/title`), or `#/<in>/<name>` for a parameter or header. */
  readonly pointer: string;
  readonly message: string;
}

/** Turns ajv errors into issues whose pointer names the offending member, not its parent. */
export function issuesFromAjv(errors: readonly ErrorObject[] | null | undefined, prefix = ''): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors ?? []) {
    // if/then, allOf and propertyNames wrappers repeat the real error: skip the wrappers.
    if (error.keyword === 'if' || error.keyword === 'allOf' || error.keyword === 'propertyNames') continue;
    let pointer = error.instancePath;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
      pointer += '/' + escapePointer(params.missingProperty);
    } else if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      pointer += '/' + escapePointer(params.additionalProperty);
    } else if (error.keyword === 'unevaluatedProperties' && typeof params.unevaluatedProperty === 'string') {
      pointer += '/' + escapePointer(params.unevaluatedProperty);
    }
    // Errors inside `propertyNames` carry the offending name on the error itself.
    const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
    if (typeof propertyName === 'string') pointer += '/' + escapePointer(propertyName);
    const message = (typeof propertyName === 'string' ? 'property name ' : '') + describe(error);
    const key = pointer + '\u0000' + message;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ pointer: prefix + pointer, message });
  }
  return issues;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'is not an allowed property';
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${JSON.stringify(params.allowedValues)}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

/** RFC 6901 escaping of one reference token. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
