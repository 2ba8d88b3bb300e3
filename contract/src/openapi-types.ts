/**
 * The slice of the OpenAPI 3.1 object model this module reads. Schemas stay `unknown`-typed JSON:
 * ajv compiles them, nothing here interprets them beyond `$ref` rewriting.
 */
export type JsonSchema = Record<string, unknown> | boolean;

export interface Reference { readonly $ref: string }

export interface ParameterObject {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly description?: string;
  readonly schema?: JsonSchema;
  readonly style?: string;
  readonly explode?: boolean;
}

export interface MediaTypeObject {
  readonly schema?: JsonSchema;
  readonly examples?: Record<string, unknown>;
}

export interface HeaderObject {
  readonly required?: boolean;
  readonly description?: string;
  readonly schema?: JsonSchema;
}

export interface ResponseObject {
  readonly description: string;
  readonly headers?: Record<string, HeaderObject | Reference>;
  readonly content?: Record<string, MediaTypeObject>;
}

export interface RequestBodyObject {
  readonly required?: boolean;
  readonly content: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  readonly operationId: string;
  readonly tags?: readonly string[];
  readonly summary?: string;
  readonly description?: string;
  readonly parameters?: readonly (ParameterObject | Reference)[];
  readonly requestBody?: RequestBodyObject | Reference;
  readonly responses: Record<string, ResponseObject | Reference>;
  readonly security?: readonly Record<string, readonly string[]>[];
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemObject = {
  readonly parameters?: readonly (ParameterObject | Reference)[];
} & Partial<Record<HttpMethod, OperationObject>>;

export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly paths: Record<string, PathItemObject>;
  readonly components?: {
    readonly schemas?: Record<string, JsonSchema>;
    readonly parameters?: Record<string, ParameterObject>;
    readonly responses?: Record<string, ResponseObject>;
    readonly headers?: Record<string, HeaderObject>;
    readonly requestBodies?: Record<string, RequestBodyObject>;
    readonly examples?: Record<string, { readonly value?: unknown }>;
  };
  readonly security?: readonly Record<string, readonly string[]>[];
}
