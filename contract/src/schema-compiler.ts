import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import type { JsonSchema, OpenApiDocument } from './openapi-types.js';

/** Where the document's component schemas live inside ajv: `urn:session-api:contract#/$defs/<Name>`. */
const CONTRACT_ID = 'urn:session-api:contract';

// ajv-formats is CommonJS (`exports.default = plugin`): under NodeNext the plugin is `.default`.
const addFormats = ajvFormats.default as unknown as ajvFormats.FormatsPlugin;

/** Rewrites `#/components/schemas/X` to the registered id so schemas compile outside the document. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
      out[key] = `${CONTRACT_ID}#/$defs/${value.slice('#/components/schemas/'.length)}`;
    } else {
      out[key] = rewriteRefs(value);
    }
  }
  return out;
}

function makeAjv(coerce: boolean): Ajv2020 {
  // strict off: OpenAPI adds annotation keywords (contentMediaType, examples in headers) ajv's strict
  // mode would refuse; allErrors so a 400 lists every problem at once.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    coerceTypes: coerce ? 'array' : false,
    useDefaults: coerce,
    validateFormats: true,
  });
  addFormats(ajv);
  return ajv;
}

/**
 * Compiles the document's schemas once. Two ajv instances: one coerces (query, path and header
 * parameters arrive as strings), one validates JSON bodies exactly as sent.
 */
export class SchemaCompiler {
  private readonly exact: Ajv2020;
  private readonly coercing: Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(document: OpenApiDocument) {
    const defs = rewriteRefs(document.components?.schemas ?? {});
    this.exact = makeAjv(false);
    this.coercing = makeAjv(true);
    for (const ajv of [this.exact, this.coercing]) ajv.addSchema({ $id: CONTRACT_ID, $defs: defs });
  }

  /** A validator for a schema taken from the document (refs are rewritten first). */
  compile(schema: JsonSchema, options: { coerce: boolean; cacheKey: string }): ValidateFunction {
    const key = `${options.coerce ? 'c' : 'e'}:${options.cacheKey}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const ajv = options.coerce ? this.coercing : this.exact;
    const validate = ajv.compile(rewriteRefs(schema) as object);
    this.cache.set(key, validate);
    return validate;
  }

  /** A validator for a named component schema, e.g. `Problem`. */
  component(name: string): ValidateFunction {
    return this.compile({ $ref: `#/components/schemas/${name}` }, { coerce: false, cacheKey: `component:${name}` });
  }
}
