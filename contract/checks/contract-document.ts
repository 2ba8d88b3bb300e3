// Reads contract/openapi.yaml as plain data for the checks, independently of the contract module.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** A JSON object as parsed from the document. */
export type JsonObject = Record<string, unknown>;

/** Absolute path of the OpenAPI document under check. */
export const CONTRACT_FILE = fileURLToPath(new URL('../openapi.yaml', import.meta.url));

/** Absolute path of the Spectral ruleset. */
export const RULESET_FILE = fileURLToPath(new URL('../.spectral.yaml', import.meta.url));

/** Absolute path of the repository root (where `node_modules/.bin` lives). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The HTTP methods an OpenAPI 3.1 Path Item may hold, lower-case. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One operation of the document with where it lives. */
export interface OperationEntry {
  /** The path template, e.g. `/v1/sessions/{sessionId}`. */
  readonly path: string;
  /** Lower-case HTTP method. */
  readonly method: (typeof HTTP_METHODS)[number];
  /** The Operation Object as written (references unresolved). */
  readonly operation: JsonObject;
  /** The enclosing Path Item Object. */
  readonly pathItem: JsonObject;
}

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses the document afresh (callers may mutate the copy they get). */
export function readContract(): JsonObject {
  const doc: unknown = parse(readFileSync(CONTRACT_FILE, 'utf8'));
  if (!isObject(doc)) throw new Error(`${CONTRACT_FILE} is not a YAML mapping`);
  return doc;
}

/** Every operation of the document, in document order. */
export function listOperations(doc: JsonObject): OperationEntry[] {
  const entries: OperationEntry[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) entries.push({ path, method, operation, pathItem });
    }
  }
  return entries;
}

/** Follows local `$ref`s (`#/...`) until a non-reference object is reached. */
export function deref(doc: JsonObject, value: unknown): JsonObject {
  let current = value;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops += 1) {
    if (hops > 32) throw new Error(`reference loop at ${current.$ref}`);
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
    current = ref
      .slice(2)
      .split('/')
      .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, token) => (isObject(node) ? node[token] : undefined), doc);
    if (current === undefined) throw new Error(`unresolved reference ${ref}`);
  }
  if (!isObject(current)) throw new Error('expected an object');
  return current;
}

/** The operation's effective parameters (path-level ones overridden by operation-level ones), resolved. */
export function parametersOf(doc: JsonObject, entry: OperationEntry): JsonObject[] {
  const byKey = new Map<string, JsonObject>();
  for (const list of [entry.pathItem.parameters, entry.operation.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const parameter = deref(doc, raw);
      byKey.set(`${String(parameter.in)}:${String(parameter.name).toLowerCase()}`, parameter);
    }
  }
  return [...byKey.values()];
}

/** The operation's responses, resolved, keyed by status code (or range / `default`). */
export function responsesOf(doc: JsonObject, entry: OperationEntry): Map<string, JsonObject> {
  const responses = isObject(entry.operation.responses) ? entry.operation.responses : {};
  return new Map(Object.entries(responses).map(([status, raw]) => [status, deref(doc, raw)]));
}

/** The media types a resolved Response or Request Body Object declares. */
export function mediaTypesOf(responseOrBody: JsonObject): string[] {
  return isObject(responseOrBody.content) ? Object.keys(responseOrBody.content) : [];
}
