import type { ValidateFunction } from 'ajv/dist/2020.js';
import { essence, isJsonMediaType } from './media-type.js';
import type { OperationSpec, ResponseSpec } from './operations.js';
import type { SchemaCompiler } from './schema-compiler.js';
import { issuesFromAjv } from './validation-issue.js';

/** A response as sent: status, headers (any case) and the body (parsed JSON, text, bytes or none). */
export interface ResponseToCheck {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body?: unknown;
}

/** One way a response breaks the contract. */
export interface ResponseViolation {
  readonly kind: 'undocumented-status' | 'undocumented-content-type' | 'missing-body' | 'invalid-body' | 'missing-header' | 'invalid-header';
  readonly message: string;
}

/** Checks responses against the operation's documented statuses, media types, schemas and headers. */
export class ResponseValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly compiler: SchemaCompiler) {}

  private validator(key: string, schema: Parameters<SchemaCompiler['compile']>[0], coerce: boolean): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.compiler.compile(schema, { coerce, cacheKey: key });
      this.validators.set(key, validate);
    }
    return validate;
  }

  /** Finds the documented response for a status: exact code, then `4XX`-style range, then `default`. */
  documented(operation: OperationSpec, status: number): ResponseSpec | undefined {
    return operation.responses.get(String(status)) ?? operation.responses.get(`${String(status)[0]}XX`) ?? operation.responses.get('default');
  }

  /** Every violation found; an empty list means the response honours the contract. */
  check(operation: OperationSpec, response: ResponseToCheck): ResponseViolation[] {
    const spec = this.documented(operation, response.status);
    const id = operation.operationId;
    if (!spec) return [{ kind: 'undocumented-status', message: `${id}: status ${response.status} is not documented` }];
    const violations: ResponseViolation[] = [];
    const headers = new Map(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    for (const [name, header] of spec.headers) {
      const value = headers.get(name);
      if (value === undefined) {
        if (header.required) violations.push({ kind: 'missing-header', message: `${id} ${response.status}: header ${name} is missing` });
        continue;
      }
      const validate = this.validator(`${id}:${spec.status}:header:${name}`, header.schema ?? {}, true);
      if (!validate(value)) violations.push({ kind: 'invalid-header', message: `${id} ${response.status}: header ${name} ${JSON.stringify(value)} ${validate.errors?.[0]?.message ?? 'is invalid'}` });
    }
    const type = essence(headers.get('content-type'));
    if (spec.contentTypes.size === 0) {
      if (type !== null && response.body !== undefined && response.body !== '') {
        violations.push({ kind: 'undocumented-content-type', message: `${id} ${response.status}: no body is documented but ${type} was sent` });
      }
      return violations;
    }
    if (type === null || !spec.contentTypes.has(type)) {
      violations.push({ kind: 'undocumented-content-type', message: `${id} ${response.status}: content type ${String(type)} is not one of ${[...spec.contentTypes.keys()].join(', ')}` });
      return violations;
    }
    const schema = spec.contentTypes.get(type);
    if (schema !== undefined && isJsonMediaType(type)) {
      if (response.body === undefined) return [...violations, { kind: 'missing-body', message: `${id} ${response.status}: a ${type} body is documented but none was sent` }];
      const validate = this.validator(`${id}:${spec.status}:body:${type}`, schema, false);
      if (!validate(response.body)) {
        for (const issue of issuesFromAjv(validate.errors)) {
          violations.push({ kind: 'invalid-body', message: `${id} ${response.status}: body${issue.pointer} ${issue.message}` });
        }
      }
    }
    return violations;
  }
}
