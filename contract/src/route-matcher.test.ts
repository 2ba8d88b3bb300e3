import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../index.js';

const routes = loadContract().routes;

function matched(method: string, path: string): { operationId: string; params: Record<string, string> } {
  const result = routes.match(method, path);
  if (result.kind !== 'matched') throw new Error(`${method} ${path}: ${result.kind}`);
  return { operationId: result.operation.operationId, params: { ...result.pathParams } };
}

describe('RouteMatcher', () => {
  it('matches every operation from its own template', () => {
    for (const op of loadContract().operations.values()) {
      const path = op.pathTemplate.replace(/\{([^}]+)\}/g, (_m, name: string) => (name === 'filePath' ? 'src%2Fa.ts' : `x_${name}`));
      expect(matched(op.method, path).operationId).toBe(op.operationId);
    }
  });

  it('tells the custom methods :merge and :mergeFrom apart from the session route', () => {
    expect(matched('POST', '/v1/sessions/ses_1:merge')).toEqual({ operationId: 'mergeSession', params: { parentSessionId: 'ses_1' } });
    expect(matched('POST', '/v1/sessions/ses_1:mergeFrom')).toEqual({ operationId: 'mergeFromSession', params: { targetSessionId: 'ses_1' } });
    expect(matched('GET', '/v1/sessions/ses_1').operationId).toBe('getSession');
  });

  it('answers 405 with the allowed methods when the path exists', () => {
    expect(routes.match('PUT', '/v1/sessions')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'POST'] });
    expect(routes.match('GET', '/v1/sessions/ses_1:merge')).toEqual({ kind: 'method-not-allowed', allow: ['POST'] });
    expect(routes.match('POST', '/v1/sessions/ses_1')).toEqual({ kind: 'method-not-allowed', allow: ['DELETE', 'GET'] });
  });

  it('answers not-found for paths outside the contract', () => {
    expect(routes.match('GET', '/v2/sessions').kind).toBe('not-found');
    expect(routes.match('GET', '/v1/sessions/').kind).toBe('not-found');
    expect(routes.match('GET', '/v1/sessions/a/b/c/d').kind).toBe('not-found');
  });

  it('leaves an unknown custom verb to parameter validation (ids never contain ":")', () => {
    expect(matched('GET', '/v1/sessions/ses_1:rebase').params.sessionId).toBe('ses_1:rebase');
  });

  it('decodes the one-segment file path and reports bad percent-encoding', () => {
    expect(matched('GET', '/v1/sessions/s/files/src%2Fapp%20v2.ts').params.filePath).toBe('src/app v2.ts');
    expect(matched('GET', '/v1/sessions/s/files/%2E%2E%2Fetc').params.filePath).toBe('../etc');
    expect(routes.match('GET', '/v1/sessions/s/files/%E0%A4%A')).toEqual({ kind: 'bad-encoding', parameter: 'filePath' });
    expect(routes.match('GET', '/v1/sessions/s/files/src/app.ts').kind).toBe('not-found');
  });

  it('picks what trying every route pattern in order of specificity would pick', () => {
    // The reference: no buckets, no literal pre-check, only each template's pattern, most literal text first.
    const templates = [...new Set([...loadContract().operations.values()].map((op) => op.pathTemplate))];
    const reference = templates
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}|[^{]+/g, (part) => (part.startsWith('{') ? '([^/]+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))}$`),
        literal: template.replace(/\{[^}]+\}/g, '').length,
        params: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => b.literal - a.literal || a.params - b.params);
    const segment = fc.oneof(fc.constantFrom('v1', 'sessions', 'fork', 'files', 'forks', 'commit', 'commits', 'tags', 'x', ''), fc.stringMatching(/^[a-z:%0-9]{0,8}$/));
    const path = fc.oneof(
      fc.tuple(fc.constantFrom(...templates), segment).map(([template, value]) => template.replace(/\{[^}]+\}/g, value)),
      fc.array(segment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`),
    );
    fc.assert(
      fc.property(path, (p) => {
        const expected = reference.find((route) => route.pattern.test(p))?.template;
        const result = routes.match('GET', p);
        const methods = [...loadContract().operations.values()].filter((op) => op.pathTemplate === expected).map((op) => op.method);
        if (expected === undefined) expect(result.kind).toBe('not-found');
        else if (result.kind === 'bad-encoding') expect(p).toContain('%');
        else if (methods.includes('GET')) expect(result.kind === 'matched' && result.operation.pathTemplate).toBe(expected);
        else expect(result).toEqual({ kind: 'method-not-allowed', allow: methods.sort() });
      }),
      { numRuns: 2000 },
    );
  });
});
