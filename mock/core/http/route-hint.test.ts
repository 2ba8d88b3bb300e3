// Contract §2: {filePath} is one segment; the 404 for raw slashes says how to send it.
import { describe, expect, it } from 'vitest';
import { checkedCore } from '../../test-support/checked-core.js';
import { routeNotFoundDetail } from './route-hint.js';

describe('route-not-found detail', () => {
  it('names the encoded segment for a file path sent with raw slashes', () => {
    expect(routeNotFoundDetail('PUT', '/v1/sessions/ses_1/files/src/app.ts')).toBe(
      'No route PUT /v1/sessions/ses_1/files/src/app.ts. File paths are one percent-encoded segment: use src%2Fapp.ts (PUT /v1/sessions/ses_1/files/src%2Fapp.ts).',
    );
    // Segments already encoded stay as sent; only the raw slashes change.
    expect(routeNotFoundDetail('GET', '/v1/sessions/ses_1/files/a%20b/c')).toContain('use a%20b%2Fc ');
  });

  it('keeps the plain detail elsewhere', () => {
    expect(routeNotFoundDetail('GET', '/v2/nothing')).toBe('No route GET /v2/nothing.');
    expect(routeNotFoundDetail('GET', '/v1/sessions/ses_1/nothing/a/b')).toBe('No route GET /v1/sessions/ses_1/nothing/a/b.');
  });

  it('is what the core answers to PUT …/files/src/app.ts (and the encoded form works)', () => {
    const api = checkedCore();
    const id = api.send('POST', '/v1/sessions', { json: { title: 't' } }).json.id as string;
    const raw = api.send('PUT', `/v1/sessions/${id}/files/src/app.ts`, { body: 'x', headers: { 'content-type': 'text/plain' } });
    expect(raw.status).toBe(404);
    expect(raw.json).toMatchObject({ code: 'route-not-found', detail: expect.stringContaining('use src%2Fapp.ts') });
    expect(api.send('PUT', `/v1/sessions/${id}/files/src%2Fapp.ts`, { body: 'x', headers: { 'content-type': 'text/plain' } }).status).toBe(201);
  });
});
