import { resolveRef } from './resolve-ref.js';
import { HTTP_METHODS } from './openapi-types.js';
import type {
  HeaderObject, HttpMethod, JsonSchema, OpenApiDocument, ParameterObject, RequestBodyObject, ResponseObject,
} from './openapi-types.js';

/** A documented response: its status, body media types and headers. */
export interface ResponseSpec {
  readonly status: string;
  readonly contentTypes: ReadonlyMap<string, JsonSchema | undefined>;
  readonly headers: ReadonlyMap<string, HeaderObject>;
}

/** Everything the mock and the suite need to know about one operation, references resolved. */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: Uppercase<HttpMethod>;
  readonly pathTemplate: string;
  readonly tags: readonly string[];
  readonly parameters: readonly ParameterObject[];
  readonly requestBody: { readonly required: boolean; readonly contentTypes: ReadonlyMap<string, JsonSchema | undefined> } | null;
  readonly responses: ReadonlyMap<string, ResponseSpec>;
  /** False only where the operation overrides security with an empty list. */
  readonly secured: boolean;
}

function resolveParameters(document: OpenApiDocument, list: readonly unknown[] | undefined): ParameterObject[] {
  return (list ?? []).map((p) => resolveRef<ParameterObject>(document, p as ParameterObject));
}

function mediaMap(content: Record<string, { schema?: JsonSchema }> | undefined): Map<string, JsonSchema | undefined> {
  return new Map(Object.entries(content ?? {}).map(([type, media]) => [type.toLowerCase(), media.schema]));
}

function responseSpec(document: OpenApiDocument, status: string, raw: unknown): ResponseSpec {
  const response = resolveRef<ResponseObject>(document, raw as ResponseObject);
  const headers = new Map<string, HeaderObject>();
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    headers.set(name.toLowerCase(), resolveRef<HeaderObject>(document, header));
  }
  return { status, contentTypes: mediaMap(response.content), headers };
}

/** Builds the operation index from the document, merging path-level and operation-level parameters. */
export function indexOperations(document: OpenApiDocument): Map<string, OperationSpec> {
  const operations = new Map<string, OperationSpec>();
  for (const [pathTemplate, item] of Object.entries(document.paths)) {
    const shared = resolveParameters(document, item.parameters);
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const own = resolveParameters(document, op.parameters);
      // Operation-level parameters override path-level ones with the same name and location.
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const body = op.requestBody ? resolveRef<RequestBodyObject>(document, op.requestBody) : undefined;
      const responses = new Map<string, ResponseSpec>();
      for (const [status, raw] of Object.entries(op.responses)) responses.set(status, responseSpec(document, status, raw));
      const security = op.security ?? document.security ?? [];
      operations.set(op.operationId, {
        operationId: op.operationId,
        method: method.toUpperCase() as Uppercase<HttpMethod>,
        pathTemplate,
        tags: op.tags ?? [],
        parameters,
        requestBody: body ? { required: body.required ?? false, contentTypes: mediaMap(body.content) } : null,
        responses,
        secured: security.length > 0,
      });
    }
  }
  return operations;
}
