// Check 1: the document is valid against the official OpenAPI 3.1 JSON Schema (2022-10-07).
import { describe, expect, it } from 'vitest';
import { isObject, readContract } from './contract-document.js';
import { DRAFT_2020_12, compileOas31Validator, describeErrors } from './official-oas-schema.js';
import type { JsonObject } from './contract-document.js';

const plain = compileOas31Validator();
const withDialect = compileOas31Validator(DRAFT_2020_12);

function operation(doc: JsonObject, path: string, method: string): JsonObject {
  const item = (doc.paths as JsonObject)[path];
  const op = isObject(item) ? item[method] : undefined;
  if (!isObject(op)) throw new Error(`no ${method} ${path}`);
  return op;
}

describe('official OpenAPI 3.1 schema', () => {
  it('declares the 2020-12 dialect the dialect check assumes', () => {
    expect(readContract().jsonSchemaDialect).toBe(DRAFT_2020_12);
  });

  it('accepts the document', () => {
    const valid = plain(readContract());
    expect(describeErrors(plain.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('accepts every Schema Object of the document as JSON Schema 2020-12 (our jsonSchemaDialect)', () => {
    const valid = withDialect(readContract());
    expect(describeErrors(withDialect.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects an operation whose responses is not a Responses Object', () => {
    const doc = readContract();
    operation(doc, '/v1/sessions', 'post').responses = 'bogus';
    expect(plain(doc)).toBe(false);
    expect(describeErrors(plain.errors)).toContain('/paths/~1v1~1sessions/post/responses: must be object');
  });

  it('rejects a response without a description', () => {
    const doc = readContract();
    const responses = operation(doc, '/v1/sessions/{sessionId}', 'delete').responses as JsonObject;
    responses['204'] = {};
    expect(plain(doc)).toBe(false);
    expect(describeErrors(plain.errors)).toContain(
      "/paths/~1v1~1sessions~1{sessionId}/delete/responses/204: must have required property 'description'",
    );
  });

  it('rejects a malformed Schema Object only when checking against the dialect', () => {
    const doc = readContract();
    const schemas = (doc.components as JsonObject).schemas as JsonObject;
    schemas.Id = { type: 'string', minLength: 'one' };
    expect(plain(doc)).toBe(true);
    expect(withDialect(doc)).toBe(false);
    expect(describeErrors(withDialect.errors)).toContain('/components/schemas/Id/minLength: must be integer');
  });
});
