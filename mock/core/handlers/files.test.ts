// SEMANTICS §3 (paths, collisions, ETags, reads at a past state) and §4 (revision iff content change).
import { describe, expect, it } from 'vitest';
import { checkedCore } from '../../test-support/checked-core.js';
import { checkpoint, createSession, deleteFile, expectStatus, getSession, putFile, readTree } from '../../test-support/session-steps.js';

describe('files', () => {
  it('writes, reads and lists files with size, sha256 and ETag', () => {
    const api = checkedCore();
    const s = createSession(api);
    const created = putFile(api, s.id, 'src/app.ts', 'hello');
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ path: 'src/app.ts', size: 5, changed: true });
    const read = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/files/src%2Fapp.ts`);
    expect(new TextDecoder().decode(read.bytes)).toBe('hello');
    expect(read.headers.etag).toBe(`"${created.json.sha256}"`);
    const list = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/files?prefix=src/`).json;
    expect(list.items).toEqual([{ path: 'src/app.ts', size: 5, sha256: created.json.sha256 }]);
  });

  it('makes a revision for a content change and none for a PUT of the same bytes', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'one' });
    const same = putFile(api, s.id, 'a.txt', 'one');
    expect(same.json.changed).toBe(false);
    expect(getSession(api, s.id)).toMatchObject({ revision: s.revision, version: s.version });
    putFile(api, s.id, 'a.txt', 'two');
    const after = getSession(api, s.id);
    expect(after.revision).not.toBe(s.revision);
    expect(after.version).toBe(s.version + 1);
  });

  it('honours If-Match and If-None-Match: * against the file ETag', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'one' });
    const etag = api.send('GET', `/v1/sessions/${s.id}/files/a.txt`).headers.etag as string;
    expect(api.send('PUT', `/v1/sessions/${s.id}/files/a.txt`, { body: 'x', headers: { 'if-match': '"nope"' } }).status).toBe(412);
    expect(api.send('PUT', `/v1/sessions/${s.id}/files/a.txt`, { body: 'x', headers: { 'if-none-match': '*' } }).status).toBe(412);
    putFile(api, s.id, 'a.txt', 'two', { headers: { 'if-match': etag } });
    expect(readTree(api, s.id)).toEqual({ 'a.txt': 'two' });
  });

  it('refuses a file where a directory is (and the reverse) with 409 path-collision', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a/b.txt': 'x', c: 'y' });
    expect(api.send('PUT', `/v1/sessions/${s.id}/files/a`, { body: 'z' }).json.code).toBe('path-collision');
    expect(api.send('PUT', `/v1/sessions/${s.id}/files/c%2Fd`, { body: 'z' }).json.code).toBe('path-collision');
    expect(api.send('POST', '/v1/sessions', { json: { files: [{ path: 'p', content: '' }, { path: 'p/q', content: '' }] } }).json.code).toBe('path-collision');
    expect(readTree(api, s.id)).toEqual({ 'a/b.txt': 'x', c: 'y' });
  });

  it('rejects bad paths with 400 invalid-path', () => {
    const api = checkedCore();
    const s = createSession(api);
    for (const bad of ['a%2F..%2Fb', '.', 'a%2F%2Fb', '%2e%2e%2Fx', 'a%5Cb', 'a%00b', '%2Fabs', 'a%2F', `${'x'.repeat(1025)}`]) {
      const response = api.send('PUT', `/v1/sessions/${s.id}/files/${bad}`, { body: 'z' });
      expect(response.json.code, bad).toBe('invalid-path');
      expect(response.headers['content-type']).toBe('application/problem+json');
    }
    expect(api.send('PUT', `/v1/sessions/${s.id}/files/a%2F..%2Fb`, { body: 'z' }).json.code).toBe('invalid-path');
    expect(getSession(api, s.id).version).toBe(1);
  });

  it('deletes a file (204) and answers 404 file-not-found when absent', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'x' });
    deleteFile(api, s.id, 'a.txt');
    expect(api.send('DELETE', `/v1/sessions/${s.id}/files/a.txt`).json.code).toBe('file-not-found');
    expect(api.send('GET', `/v1/sessions/${s.id}/files/a.txt`).status).toBe(404);
  });

  it('moves the version by exactly 1 on a file DELETE, with a new revision', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'x', 'b.txt': 'y' });
    deleteFile(api, s.id, 'a.txt');
    const after = getSession(api, s.id);
    expect(after.version).toBe(s.version + 1);
    expect(after.revision).not.toBe(s.revision);
    expect(readTree(api, s.id)).toEqual({ 'b.txt': 'y' });
  });

  it('refuses a file body over 5 MiB with 413 content-too-large, changing nothing; 5 MiB exactly is fine', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'x' });
    const tooLarge = api.send('PUT', `/v1/sessions/${s.id}/files/a.txt`, { body: new Uint8Array(5242881) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json.code).toBe('content-too-large');
    expect(api.send('PUT', `/v1/sessions/${s.id}/files/big.bin`, { body: new Uint8Array(5242881) }).status).toBe(413);
    expect(getSession(api, s.id)).toEqual(s);
    expect(readTree(api, s.id)).toEqual({ 'a.txt': 'x' });
    expect(api.send('PUT', `/v1/sessions/${s.id}/files/big.bin`, { body: new Uint8Array(5242880) }).status).toBe(201);
  });

  it('honours If-Match on DELETE against the file ETag', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'one' });
    const staleEtag = api.send('GET', `/v1/sessions/${s.id}/files/a.txt`).headers.etag as string;
    putFile(api, s.id, 'a.txt', 'two');
    const etag = api.send('GET', `/v1/sessions/${s.id}/files/a.txt`).headers.etag as string;
    const before = getSession(api, s.id);
    const stale = api.send('DELETE', `/v1/sessions/${s.id}/files/a.txt`, { headers: { 'if-match': staleEtag } });
    expect(stale.status).toBe(412);
    expect(stale.json.code).toBe('precondition-failed');
    expect(getSession(api, s.id)).toEqual(before);
    expect(readTree(api, s.id)).toEqual({ 'a.txt': 'two' });
    expectStatus(api, 204, 'DELETE', `/v1/sessions/${s.id}/files/a.txt`, { headers: { 'if-match': etag } });
    expect(readTree(api, s.id)).toEqual({});
  });

  it('fails If-Match: * on DELETE of a missing file with 412 precondition-failed', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'one' });
    const missing = api.send('DELETE', `/v1/sessions/${s.id}/files/b.txt`, { headers: { 'if-match': '*' } });
    expect(missing.status).toBe(412);
    expect(missing.json.code).toBe('precondition-failed');
    expect(getSession(api, s.id)).toEqual(s);
  });

  it('reads at a past revision or checkpoint of this session only', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'one' });
    const c = checkpoint(api, s.id, 'v1');
    putFile(api, s.id, 'a.txt', 'two');
    expect(readTree(api, s.id, `&revision=${s.revision}`)).toEqual({ 'a.txt': 'one' });
    expect(readTree(api, s.id, `&checkpointId=${c.id}`)).toEqual({ 'a.txt': 'one' });
    const other = createSession(api, { 'b.txt': 'b' });
    expect(api.send('GET', `/v1/sessions/${s.id}/files?revision=${other.revision}`).status).toBe(404);
    expect(api.send('GET', `/v1/sessions/${s.id}/files/a.txt?checkpointId=chk_zzzzzzzz`).status).toBe(404);
  });

  it('answers 404 checkpoint-not-found for a file read at another session\'s checkpoint', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'mine' });
    const other = createSession(api, { 'a.txt': 'theirs' });
    const c = checkpoint(api, other.id);
    expectStatus(api, 200, 'GET', `/v1/sessions/${other.id}/files/a.txt?checkpointId=${c.id}`);
    const read = api.send('GET', `/v1/sessions/${s.id}/files/a.txt?checkpointId=${c.id}`);
    expect(read.status).toBe(404);
    expect(read.json.code).toBe('checkpoint-not-found');
    expect(api.send('GET', `/v1/sessions/${s.id}/files?checkpointId=${c.id}`).json.code).toBe('checkpoint-not-found');
  });

  it('checks request parameters (400) before the session exists (404)', () => {
    const api = checkedCore();
    const both = api.send('GET', '/v1/sessions/ses_doesnotexist/files/a?revision=rev_00000001&checkpointId=chk_00000001');
    expect(both.status).toBe(400);
    expect(both.json.code).toBe('validation-failed');
    const cursor = api.send('GET', '/v1/sessions/ses_doesnotexist/files?cursor=garbage');
    expect(cursor.status).toBe(400);
    expect(cursor.json.code).toBe('invalid-cursor');
  });

  it('pages a file list with a cursor', () => {
    const api = checkedCore();
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}`, String(i)]));
    const s = createSession(api, files);
    const first = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/files?limit=2`).json;
    expect(first.items.map((f: { path: string }) => f.path)).toEqual(['f0', 'f1']);
    const second = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/files?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`).json;
    expect(second.items.map((f: { path: string }) => f.path)).toEqual(['f2', 'f3']);
  });

  it('pages past paths at the 1024-byte limit with cursors within the 512-character limit', () => {
    const api = checkedCore();
    // Two-byte characters and 512 segments: the longest keys a file list can resume after.
    const paths = [`long/${'é'.repeat(509)}x`, `${'d/'.repeat(511)}f`, 'z'];
    expect(paths.map((p) => Buffer.byteLength(p, 'utf8'))).toEqual([1024, 1023, 1]);
    const s = createSession(api, Object.fromEntries(paths.map((p) => [p, 'x'])));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page = expectStatus(api, 200, 'GET', `/v1/sessions/${s.id}/files?limit=1${query}`).json;
      seen.push(...page.items.map((f: { path: string }) => f.path));
      cursor = page.nextCursor;
      expect((cursor ?? '').length).toBeLessThanOrEqual(512);
    } while (cursor !== null);
    expect(seen).toEqual([...paths].sort());
  });
});

describe('empty files (contract/README.md §2: no body and `Content-Length: 0` are the same PUT)', () => {
  const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

  it('writes a zero-length file when the body declares a non-JSON type', () => {
    const api = checkedCore();
    const s = createSession(api);
    const written = api.send('PUT', `/v1/sessions/${s.id}/files/empty.txt`, { body: '' });
    expect(written.status).toBe(201);
    expect(written.json).toMatchObject({ size: 0, sha256: EMPTY_SHA, changed: true });
    expect(readTree(api, s.id)).toEqual({ 'empty.txt': '' });
  });

  it('writes a zero-length file for a PUT with no body and no Content-Type, and a second one changes nothing', () => {
    const api = checkedCore();
    const s = createSession(api, { 'a.txt': 'one' });
    const written = api.send('PUT', `/v1/sessions/${s.id}/files/none.txt`);
    expect(written.status).toBe(201);
    expect(written.json).toMatchObject({ path: 'none.txt', size: 0, sha256: EMPTY_SHA, changed: true });
    expect(written.headers.etag).toBe(`"${EMPTY_SHA}"`);
    const emptied = api.send('PUT', `/v1/sessions/${s.id}/files/a.txt`);
    expect(emptied.status).toBe(200);
    expect(emptied.json).toMatchObject({ size: 0, changed: true });
    const again = api.send('PUT', `/v1/sessions/${s.id}/files/a.txt`, { body: '' });
    expect(again.json).toMatchObject({ size: 0, changed: false, revision: emptied.json.revision });
    expect(readTree(api, s.id)).toEqual({ 'a.txt': '', 'none.txt': '' });
  });
});
