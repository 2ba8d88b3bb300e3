// The reproduction over a real socket: `curl -H 'Host: evil.example' http://127.0.0.1:PORT/__admin/state`
// must not answer the state; a bind off the loopback must not expose the admin API without a credential.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from './create-mock-server.js';

/** A GET with a Host header of our choosing (fetch and undici set Host themselves). */
function get(url: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a loopback mock over a socket', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await createMockServer({ allowedHosts: ['mock.test'] });
  });
  afterAll(() => server.close());

  it('answers 403 host-not-allowed to a rebound Host, and the state to a loopback one', async () => {
    const refused = await get(`${server.adminUrl}/state`, 'evil.example');
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'host-not-allowed', status: 403 });
    expect(refused.body).not.toContain('principals');
    expect((await get(`${server.adminUrl}/state`, new URL(server.url).host)).status).toBe(200);
    expect((await get(`${server.adminUrl}/state`, 'mock.test:1234')).status).toBe(200);
  });
});

describe('binding off the loopback', () => {
  it('refuses to start without --admin-token or --admin off, saying why', async () => {
    await expect(createMockServer({ host: '0.0.0.0' })).rejects.toThrow(/--admin-token .* or --admin off/);
  });

  it('starts with an admin token, which the admin API then needs', async () => {
    const token = 'lan-admin-token-0123456789';
    const server = await createMockServer({ host: '0.0.0.0', admin: { kind: 'token', token } });
    try {
      const url = server.adminUrl.replace('0.0.0.0', '127.0.0.1');
      // Off the loopback no Host list is assumed: LAN names are the operator's to know.
      expect((await get(`${url}/state`, 'dev-box.lan')).status).toBe(401);
      expect((await get(`${url}/state`, 'dev-box.lan', { authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('starts with --admin off, where /__admin does not exist', async () => {
    const server = await createMockServer({ host: '0.0.0.0', admin: { kind: 'off' } });
    try {
      expect((await get(server.adminUrl.replace('0.0.0.0', '127.0.0.1') + '/state', 'dev-box.lan')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
