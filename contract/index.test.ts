import { describe, expect, it } from 'vitest';
import { ERROR_CODES, createContract, isErrorCode, loadContract, problemType } from './index.js';
import { loadDocument } from './src/load-document.js';

describe('loadContract', () => {
  it('reads the document once and returns the same contract', () => {
    expect(loadContract()).toBe(loadContract());
  });

  it('indexes every operation of the document by operationId', () => {
    const contract = loadContract();
    let count = 0;
    for (const item of Object.values(contract.document.paths)) {
      for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
        const op = item[method];
        if (!op) continue;
        count += 1;
        expect(contract.operation(op.operationId).method).toBe(method.toUpperCase());
      }
    }
    expect(contract.operations.size).toBe(count);
    expect(count).toBeGreaterThan(35);
  });

  it('throws for an unknown operationId, which is a bug in the caller', () => {
    expect(() => loadContract().operation('noSuchOperation')).toThrow(/unknown operationId/);
  });

  it('hashes the document text so certification bundles can name the exact contract', () => {
    expect(loadContract().sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(createContract(loadDocument()).sha256).toBe(loadContract().sha256);
  });
});

describe('error-code table', () => {
  it('holds exactly the codes of the document ErrorCode enum', () => {
    const schema = loadContract().document.components?.schemas?.ErrorCode as { enum: string[] };
    expect(Object.keys(ERROR_CODES).sort()).toEqual([...schema.enum].sort());
  });

  it('builds problem type URIs and recognises codes', () => {
    expect(problemType('merge-conflict')).toBe('urn:session-api:problem:merge-conflict');
    expect(isErrorCode('merge-conflict')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('gives each documented 4xx response an example whose code has that status', () => {
    const responses = loadContract().document.components?.responses ?? {};
    for (const [name, response] of Object.entries(responses)) {
      const media = response.content?.['application/problem+json'];
      for (const example of Object.values(media?.examples ?? {})) {
        const value = resolveExample(example);
        expect(isErrorCode(value.code), `${name}: ${value.code}`).toBe(true);
        if (isErrorCode(value.code)) expect(ERROR_CODES[value.code].status, name).toBe(value.status);
      }
    }
  });
});

function resolveExample(example: unknown): { code: string; status: number } {
  const ref = (example as { $ref?: string }).$ref;
  const examples = loadContract().document.components?.examples ?? {};
  const resolved = ref ? examples[ref.split('/').pop() ?? ''] : example;
  return (resolved as { value: { code: string; status: number } }).value;
}
