// Spectral function: every entry of a Schema Object's JSON Schema `examples` array must be valid
// against that schema. spectral:oas checks media/parameter/header `example(s)` and schema
// `example`/`default`, but not the 2020-12 `examples` keyword our schemas use.
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';

/** @type {(ajv: Ajv2020) => Ajv2020} */
const addFormats = /** @type {any} */ (ajvFormats).default;

const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, validateSchema: false }));

/**
 * @param {unknown} schema - a resolved Schema Object (references inlined by Spectral)
 * @param {unknown} _options - unused
 * @param {{ path: Array<string | number> }} context - where Spectral found the schema
 * @returns {Array<{ message: string, path: Array<string | number> }>} one result per failing example
 */
export default function schemaExamples(schema, _options, context) {
  if (typeof schema !== 'object' || schema === null || !Array.isArray(schema.examples)) return [];
  const { examples, $id: _id, $schema: _dialect, ...rest } = /** @type {Record<string, unknown>} */ (schema);
  let validate;
  try {
    validate = ajv.compile(rest);
  } catch (error) {
    return [{ message: `Schema cannot be compiled: ${String(error)}`, path: context.path }];
  }
  const results = [];
  for (const [index, example] of /** @type {unknown[]} */ (examples).entries()) {
    if (validate(example)) continue;
    const first = validate.errors?.[0];
    const where = first?.instancePath ? ` at ${first.instancePath}` : '';
    results.push({
      message: `Schema example ${index} is invalid${where}: ${first?.message ?? 'invalid'}`,
      path: [...context.path, 'examples', index],
    });
  }
  return results;
}
