import type { ValidateFunction } from 'ajv/dist/2020.js';
import { essence, isJsonMediaType } from './media-type.js';
import type { OperationSpec } from './operations.js';
import type { JsonSchema } from './openapi-types.js';
import type { SchemaCompiler } from './schema-compiler.js';
import { issuesFromAjv, type ValidationIssue } from './validation-issue.js';

/** Raw request parameters as a transport sees them. Header names in any case. */
export interface RawParameters {
  readonly pathParams: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | undefined>>;
}

/** Parameters after validation and coercion (`limit` is a number, `tag` an array, defaults applied). */
export interface ValidParameters {
  readonly path: Record<string, unknown>;
  readonly query: Record<string, unknown>;
  readonly header: Record<string, unknown>;
}

export type ParameterResult =
  | { readonly ok: true; readonly value: ValidParameters }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** How the request's `Content-Type` relates to what the operation accepts. */
export type ContentTypeCheck =
  | { readonly kind: 'no-body-expected' }
  | { readonly kind: 'accepted'; readonly mediaType: string; readonly json: boolean }
  | { readonly kind: 'body-required' }
  | { readonly kind: 'unsupported'; readonly accepted: readonly string[] };

type Location = 'path' | 'query' | 'header';

function schemaFor(operation: OperationSpec, location: Location): JsonSchema {
  const params = operation.parameters.filter((p) => p.in === location);
  // Header names are case-insensitive: the schema and the data both use lower case.
  const key = (name: string): string => (location === 'header' ? name.toLowerCase() : name);
  return {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [key(p.name), p.schema ?? {}])),
    required: params.filter((p) => p.required).map((p) => key(p.name)),
    // Unknown query parameters are refused so typos (`lmit=5`) surface; unknown headers are normal.
    additionalProperties: location !== 'query',
  };
}

/** What validating one operation's parameters needs, worked out once per operation. */
interface ParameterPlan {
  /** Query parameters that are arrays, so a single value still becomes a list. */
  readonly arrays: ReadonlySet<string>;
  readonly path: ValidateFunction;
  readonly query: ValidateFunction;
  /** An empty query passes unchanged: no query parameter is required or has a default to fill in. */
  readonly emptyQueryPasses: boolean;
  /** `null` when the operation declares no header: any headers pass and none is coerced. */
  readonly header: ValidateFunction | null;
}

/** Validates one operation's parameters and bodies with validators compiled on first use. */
export class RequestValidator {
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly plans = new Map<string, ParameterPlan>();

  constructor(private readonly compiler: SchemaCompiler) {}

  private parameterValidator(operation: OperationSpec, location: Location): ValidateFunction {
    const key = `${operation.operationId}:${location}`;
    return this.compiler.compile(schemaFor(operation, location), { coerce: true, cacheKey: `params:${key}` });
  }

  private planFor(operation: OperationSpec): ParameterPlan {
    let plan = this.plans.get(operation.operationId);
    if (!plan) {
      plan = {
        arrays: new Set(operation.parameters.filter((p) => p.in === 'query' && isArraySchema(p.schema)).map((p) => p.name)),
        path: this.parameterValidator(operation, 'path'),
        query: this.parameterValidator(operation, 'query'),
        emptyQueryPasses: operation.parameters.every((p) => p.in !== 'query' || (!p.required && (typeof p.schema !== 'object' || p.schema === null || !('default' in p.schema)))),
        header: operation.parameters.some((p) => p.in === 'header') ? this.parameterValidator(operation, 'header') : null,
      };
      this.plans.set(operation.operationId, plan);
    }
    return plan;
  }

  /** Validates and coerces path, query and header parameters; every problem is reported. */
  validateParameters(operation: OperationSpec, raw: RawParameters): ParameterResult {
    const plan = this.planFor(operation);
    const query: Record<string, unknown> = {};
    if (raw.query.size > 0) {
      for (const name of new Set(raw.query.keys())) {
        const all = raw.query.getAll(name);
        query[name] = plan.arrays.has(name) || all.length > 1 ? all : all[0];
      }
    }
    const header: Record<string, unknown> = {};
    for (const name in raw.headers) {
      const value = raw.headers[name];
      if (value !== undefined) header[name.toLowerCase()] = value;
    }
    const path: Record<string, unknown> = { ...raw.pathParams };
    // The common case, every check passing, allocates nothing more; issues are gathered only on failure.
    const pathOk = plan.path(path);
    const queryOk = (raw.query.size === 0 && plan.emptyQueryPasses) || plan.query(query);
    const headerOk = plan.header === null || plan.header(header);
    if (pathOk && queryOk && headerOk) return { ok: true, value: { path, query, header } };
    const issues: ValidationIssue[] = [];
    if (!pathOk) issues.push(...issuesFromAjv(plan.path.errors, '#/path'));
    if (!queryOk) issues.push(...issuesFromAjv(plan.query.errors, '#/query'));
    if (!headerOk && plan.header) issues.push(...issuesFromAjv(plan.header.errors, '#/header'));
    return { ok: false, issues };
  }

  /** Decides whether the body's content type fits before any parsing happens. */
  checkContentType(operation: OperationSpec, contentType: string | undefined, hasBody: boolean): ContentTypeCheck {
    const body = operation.requestBody;
    if (!body) return { kind: 'no-body-expected' };
    if (!hasBody) return body.required ? { kind: 'body-required' } : { kind: 'no-body-expected' };
    const accepted = [...body.contentTypes.keys()];
    // RFC 9110 §8.3: a body without Content-Type may be treated as application/octet-stream.
    const type = essence(contentType) ?? 'application/octet-stream';
    if (!body.contentTypes.has(type)) return { kind: 'unsupported', accepted };
    return { kind: 'accepted', mediaType: type, json: isJsonMediaType(type) };
  }

  /** Validates a parsed JSON body against the schema for its media type. */
  validateJsonBody(operation: OperationSpec, mediaType: string, body: unknown): readonly ValidationIssue[] {
    const schema = operation.requestBody?.contentTypes.get(mediaType);
    if (schema === undefined) return [];
    const key = `${operation.operationId}:body:${mediaType}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.compiler.compile(schema, { coerce: false, cacheKey: key });
      this.validators.set(key, validate);
    }
    return validate(body) ? [] : issuesFromAjv(validate.errors);
  }
}

function isArraySchema(schema: JsonSchema | undefined): boolean {
  return typeof schema === 'object' && schema !== null && schema.type === 'array';
}
