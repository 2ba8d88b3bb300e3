// Check 2: the Spectral ruleset passes the real document and catches each defect it is meant to catch.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CONTRACT_FILE, isObject, readContract } from './contract-document.js';
import { findingsFor, runSpectral } from './spectral-runner.js';
import type { JsonObject } from './contract-document.js';
import type { SpectralResult } from './spectral-runner.js';

/** Walks an object path of the parsed document, failing loudly when the document changed shape. */
function at(doc: JsonObject, ...keys: (string | number)[]): JsonObject {
  let node: unknown = doc;
  for (const key of keys) {
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
  }
  if (!isObject(node)) throw new Error(`no object at ${keys.join('/')}`);
  return node;
}

/** One deliberately broken copy of the document and the findings it must produce. */
interface BrokenCase {
  readonly name: string;
  readonly mutate: (doc: JsonObject) => void;
  /** `rule @ path` findings that must all be reported (the path is where Spectral points). */
  readonly expected: readonly string[];
  /** Every rule allowed to report on this copy (the expected ones plus stock rules that overlap). */
  readonly rules: readonly string[];
}

const P = 'paths';
const CASES: readonly BrokenCase[] = [
  {
    name: 'missing or non-camelCase operationId',
    mutate: (doc) => {
      delete at(doc, P, '/v1/sessions', 'get').operationId;
      at(doc, P, '/v1/sessions', 'post').operationId = 'Create_session';
    },
    expected: [
      'operation-id-camel-case @ paths//v1/sessions/get',
      'operation-id-camel-case @ paths//v1/sessions/post/operationId',
    ],
    rules: ['operation-id-camel-case', 'operation-operationId'],
  },
  {
    name: 'no 4xx problem+json and no 401',
    mutate: (doc) => {
      const responses = at(doc, P, '/v1/sessions/{sessionId}/commits', 'get', 'responses');
      for (const status of Object.keys(responses)) if (status.startsWith('4')) delete responses[status];
      responses['404'] = { description: 'JSON, not a problem', content: { 'application/json': { schema: { type: 'object' } } } };
    },
    expected: [
      'operation-4xx-problem-json @ paths//v1/sessions/{sessionId}/commits/get/responses',
      'operation-401-documented @ paths//v1/sessions/{sessionId}/commits/get/responses',
    ],
    rules: ['operation-4xx-problem-json', 'operation-401-documented'],
  },
  {
    name: 'invalid examples (referenced component example, schema/parameter/header `examples`)',
    mutate: (doc) => {
      at(doc, 'components', 'examples', 'Checkpoint', 'value').label = 5;
      at(doc, 'components', 'schemas', 'Tag').examples = ['Not A Tag'];
      at(doc, 'components', 'parameters', 'Limit', 'schema').examples = [0];
      at(doc, 'components', 'headers', 'ETag', 'schema').examples = ['W/"3"'];
    },
    expected: [
      'oas3-valid-media-example @ components/examples/Checkpoint/value/label',
      'schema-examples-valid @ components/schemas/Tag/examples/0',
      'schema-examples-valid @ components/parameters/Limit/schema/examples/0',
      'schema-examples-valid @ components/headers/ETag/schema/examples/0',
    ],
    rules: ['oas3-valid-media-example', 'schema-examples-valid'],
  },
  {
    name: 'POST without Idempotency-Key, open JSON body objects',
    mutate: (doc) => {
      const commit = at(doc, P, '/v1/sessions/{sessionId}/commit', 'post');
      commit.parameters = (commit.parameters as JsonObject[]).filter((p) => !String(p.$ref).endsWith('/IdempotencyKey'));
      delete at(doc, 'components', 'schemas', 'Checkpoint').additionalProperties;
      delete at(doc, 'components', 'schemas', 'SessionDetail').unevaluatedProperties;
    },
    expected: [
      'post-idempotency-key @ paths//v1/sessions/{sessionId}/commit/post/parameters',
      'json-body-objects-closed @ components/schemas/Checkpoint',
      'json-body-objects-closed @ components/schemas/SessionDetail',
    ],
    rules: ['post-idempotency-key', 'json-body-objects-closed'],
  },
];

describe('Spectral ruleset contract/.spectral.yaml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spectral-checks-'));
  const files = CASES.map((_, index) => join(dir, `broken-${index}.yaml`));
  let results: SpectralResult[] = [];

  beforeAll(async () => {
    CASES.forEach((brokenCase, index) => {
      const doc = readContract();
      brokenCase.mutate(doc);
      writeFileSync(files[index] ?? '', stringify(doc));
    });
    results = await runSpectral([CONTRACT_FILE, ...files]);
  }, 120_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports nothing (no error, warning, info or hint) on the real document', () => {
    expect(findingsFor(results, CONTRACT_FILE)).toEqual([]);
  });

  CASES.forEach((brokenCase, index) => {
    it(`reports ${brokenCase.name} with the right rules`, () => {
      const findings = findingsFor(results, files[index] ?? '');
      expect(findings).toEqual(expect.arrayContaining([...brokenCase.expected]));
      expect([...new Set(findings.map((f) => f.split(' @ ')[0]))].sort()).toEqual([...brokenCase.rules].sort());
    });
  });
});
