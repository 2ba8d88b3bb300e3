// File bodies as bytes (contract: putFile accepts any bytes): a put of bytes that are not UTF-8
// comes back byte for byte, and at compile time (tsc in `npm run lint` checks this file) the
// body takes bytes but not a JSON object, and `parseAs` types what a read gives.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createMockServer, type MockServer } from '../mock/server/create-mock-server.js';
import { createSessionClient, type FileBytes, type SessionClient } from './index.js';
import { checkedFetch } from './test-support/checked-fetch.js';

// Only its type is used by the compile-time checks.
declare const _client: SessionClient;

describe('file bytes through the client', () => {
  let server: MockServer;
  beforeAll(async () => { server = await createMockServer({ port: 0, fixtures: null, auth: false }); });
  afterAll(async () => { await server.close(); });

  it('puts a Uint8Array, an ArrayBuffer and a Blob that are not UTF-8 and reads each back byte for byte', async () => {
    const checked = checkedFetch();
    const client = createSessionClient({ baseUrl: server.url, token: 'any', fetch: checked.fetch });
    const { data: session } = await client.call('createSession', { body: { title: 'Bytes' } });
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x80, 0x0a]);
    const bodies: [string, FileBytes][] = [['u8.bin', bytes], ['buffer.bin', bytes.slice().buffer], ['blob.bin', new Blob([bytes])]];
    for (const [filePath, body] of bodies) {
      const path = { sessionId: session.id, filePath };
      const written = await client.call('putFile', { params: { path }, body });
      expect({ filePath, status: written.status, size: written.data.size }).toEqual({ filePath, status: 201, size: bytes.length });
      expect(checked.sent.at(-1)?.headers.get('content-type')).toBe('application/octet-stream');
      const read = await client.call('getFile', { params: { path }, parseAs: 'arrayBuffer' });
      expect(read.data).toBeInstanceOf(ArrayBuffer);
      expect([...new Uint8Array(read.data ?? new ArrayBuffer(0))]).toEqual([...bytes]);
      expect(read.etag).toBe(written.etag);
    }
    // As text (the default) the same bytes are not what was written: the reason parseAs exists.
    const text = await client.call('getFile', { params: { path: { sessionId: session.id, filePath: 'u8.bin' } } });
    expect([...new TextEncoder().encode(text.data ?? '')]).not.toEqual([...bytes]);
    const blob = await client.call('getFile', { params: { path: { sessionId: session.id, filePath: 'u8.bin' } }, parseAs: 'blob' });
    expect([...new Uint8Array(await (blob.data ?? new Blob([])).arrayBuffer())]).toEqual([...bytes]);
    expect(checked.violations).toEqual([]);
  });

  it('types a bytes body as string | Uint8Array | ArrayBuffer | Blob, never a JSON object (compile time)', () => {
    const put = (body: FileBytes) => _client.call('putFile', { params: { path: { sessionId: 's', filePath: 'f' } }, body });
    type PutBody = NonNullable<Parameters<typeof _client.call<'putFile'>>[1]>['body'];
    expectTypeOf<PutBody>().toEqualTypeOf<FileBytes | undefined>();
    const path = { sessionId: 's', filePath: 'f' };
    const rejected = (): unknown[] => [
      // @ts-expect-error a JSON object is not a file's bytes
      _client.call('putFile', { params: { path }, body: { content: 'x' } }),
      // @ts-expect-error nor is an array of numbers
      _client.call('putFile', { params: { path }, body: [0xff, 0x00] }),
      // @ts-expect-error a JSON operation still takes its JSON body, not bytes
      _client.call('commitSession', { params: { path: { sessionId: 's' } }, body: new Uint8Array([1]) }),
    ];
    type Read<P extends 'text' | 'arrayBuffer' | 'blob'> = Awaited<ReturnType<typeof _client.call<'getFile', P>>>['data'];
    expectTypeOf<Read<'arrayBuffer'>>().toEqualTypeOf<ArrayBuffer | undefined>(); // undefined: 304
    expectTypeOf<Read<'blob'>>().toEqualTypeOf<Blob | undefined>();
    expectTypeOf<Read<'text'>>().toEqualTypeOf<string | undefined>();
    expect([typeof put, typeof rejected]).toEqual(['function', 'function']);
  });
});
