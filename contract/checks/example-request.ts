// Builds one concrete, valid request per operation from the examples the document itself holds.
import { deref, isObject, parametersOf } from './contract-document.js';
import type { JsonObject, OperationEntry } from './contract-document.js';

/** A request ready to send: method, percent-encoded path and optional body. */
export interface ExampleRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The path with every template parameter replaced by its encoded example value. */
  readonly path: string;
  /** Request headers other than `Authorization` (added by the sender). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body bytes, when the operation has a request body with an example. */
  readonly body?: string;
}

/** The first entry of a named-example map (`examples:` on parameters and media types), resolved. */
function firstNamedExample(doc: JsonObject, examples: unknown): unknown {
  if (!isObject(examples)) return undefined;
  const first = Object.values(examples)[0];
  return first === undefined ? undefined : deref(doc, first).value;
}

/**
 * The example value of a parameter: its own `example` / `examples`, else its schema's.
 *
 * @throws when neither the parameter nor its schema has an example (the check needs one)
 */
export function parameterExample(doc: JsonObject, parameter: JsonObject): unknown {
  const schema = isObject(parameter.schema) ? deref(doc, parameter.schema) : {};
  const schemaExamples = Array.isArray(schema.examples) ? (schema.examples as unknown[]) : [];
  const value = parameter.example ?? firstNamedExample(doc, parameter.examples) ?? schemaExamples[0] ?? schema.example;
  if (value === undefined) throw new Error(`parameter ${String(parameter.in)}:${String(parameter.name)} has no example`);
  return value;
}

/** A string, number or boolean as text; anything else cannot be a path, query or header value. */
function asText(value: unknown, what: string): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Error(`no string, number or boolean value for ${what}`);
  }
  return String(value);
}

/**
 * Fills a path template with values, each percent-encoded as one segment (`src/app.ts` →
 * `src%2Fapp.ts`). The custom-method suffix (`:merge`) stays literal.
 *
 * @throws when `values` lacks a parameter of the template, or holds a non-primitive one
 */
export function fillPath(template: string, values: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{([^}]+)\}/g, (_all, name: string) => {
    return encodeURIComponent(asText(values[name], `{${name}} in ${template}`));
  });
}

/** The first media type of the operation's request body and its first example, if both exist. */
function exampleBody(doc: JsonObject, entry: OperationEntry): { contentType: string; body: string } | undefined {
  if (entry.operation.requestBody === undefined) return undefined;
  const requestBody = deref(doc, entry.operation.requestBody);
  const [contentType, media] = Object.entries(isObject(requestBody.content) ? requestBody.content : {})[0] ?? [];
  const value = isObject(media) ? (media.example ?? firstNamedExample(doc, media.examples)) : undefined;
  if (contentType === undefined || value === undefined) {
    if (requestBody.required === true) throw new Error(`${String(entry.operation.operationId)}: required body has no example`);
    return undefined;
  }
  return { contentType, body: typeof value === 'string' && !/json/i.test(contentType) ? value : JSON.stringify(value) };
}

/**
 * One request to the operation: path parameters and required parameters from their examples, and
 * the body from the request body's first example.
 */
export function exampleRequest(doc: JsonObject, entry: OperationEntry): ExampleRequest {
  const pathValues: Record<string, unknown> = {};
  const headers: Record<string, string> = {};
  const query = new URLSearchParams();
  for (const parameter of parametersOf(doc, entry)) {
    const isPath = parameter.in === 'path';
    if (!isPath && parameter.required !== true) continue;
    const value = parameterExample(doc, parameter);
    const name = String(parameter.name);
    if (isPath) pathValues[name] = value;
    else if (parameter.in === 'header') headers[name] = asText(value, `header ${name}`);
    else if (parameter.in === 'query') query.append(name, asText(value, `query ${name}`));
    else throw new Error(`unsupported required ${String(parameter.in)} parameter ${name}`);
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  const body = exampleBody(doc, entry);
  if (body) headers['content-type'] = body.contentType;
  return {
    method: entry.method.toUpperCase(),
    path: fillPath(entry.path, pathValues) + search,
    headers,
    ...(body ? { body: body.body } : {}),
  };
}
