// The admin read routes over the demo fixtures: every tenant's sessions (deleted and merged too),
// the revision DAG with fork and merge edges, a revision's files; unknown ids are problem+json 404s.
import { request as httpRequest } from 'undici';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import type { MockResponse } from '../core/http/messages.js';
import { createMockCore } from '../core/mock-core.js';
import { defaultFixtureDir, loadScenarioDir, scenarioProblems } from '../fixtures/load-scenario-dir.js';
import { createMockServer } from '../server/create-mock-server.js';
import { checked } from '../test-support/checked-core.js';
import { handleAdmin, type AdminState } from './admin-routes.js';
import { NO_FAULTS } from './faults.js';
import { RequestLog } from './request-log.js';

const contract = loadContract();
const isProblem = contract.schemas.component('Problem');
const demo = loadScenarioDir(defaultFixtureDir());

/** A demo core, the public API over it (contract-checked) and the admin API. */
function setup() {
  const core = createMockCore({ contract, scenario: demo, checkScenario: scenarioProblems });
  const api = checked(core, demo.defaultToken);
  const state: AdminState = { faults: NO_FAULTS, log: new RequestLog() };
  const admin = (method: string, url: string) => {
    const response: MockResponse = handleAdmin(core, state, { method, url, headers: {} }, contract);
    const text = typeof response.body === 'string' ? response.body : undefined;
    return { ...response, json: text ? JSON.parse(text) : undefined };
  };
  const byTitle = (title: string): any => admin('GET', '/__admin/sessions').json.items.find((s: any) => s.title === title);
  return { core, api, admin, byTitle };
}

function expectProblem(response: { status: number; headers: Readonly<Record<string, string>>; json: any }, status: number, code: string): void {
  expect(response.status, JSON.stringify(response.json)).toBe(status);
  expect(response.headers['content-type']).toBe('application/problem+json');
  expect(isProblem(response.json), JSON.stringify(response.json)).toBe(true);
  expect(response.json.code).toBe(code);
}

describe('GET /__admin/sessions', () => {
  it("lists every tenant's sessions: what each tenant's admin sees through the API plus the deleted ones", () => {
    const { api, admin } = setup();
    const items = admin('GET', '/__admin/sessions').json.items as any[];
    const visible = ['demo-ana', 'demo-erin'].flatMap((token) => api.send('GET', '/v1/sessions?limit=100', { token }).json.items.map((s: any) => s.id));
    expect(items.filter((s) => !s.deleted).map((s) => s.id).sort()).toEqual([...visible].sort());
    expect(new Set(items.map((s) => s.tenantId))).toEqual(new Set(['acme', 'globex']));
    const deleted = items.filter((s) => s.deleted);
    expect(deleted.map((s) => s.title)).toEqual(['Experiment to delete']);
    const merged = items.find((s) => s.status === 'merged');
    expect(merged.title).toBe('Login form, proposal A');
    expect(items.find((s) => s.id === merged.mergedIntoSessionId).title).toBe('Acme web app');
  });

  it('answers one session by id, a deleted one too, and 404 session-not-found for an unknown id', () => {
    const { admin, byTitle } = setup();
    const deleted = byTitle('Experiment to delete');
    expect(admin('GET', `/__admin/sessions/${deleted.id}`).json).toEqual(deleted);
    expectProblem(admin('GET', '/__admin/sessions/ses_nope'), 404, 'session-not-found');
  });
});

describe('GET /__admin/lineage', () => {
  it('is a closed DAG: every head, parent, checkpoint and commit revision is listed, one edge per parent', () => {
    const { admin } = setup();
    const lineage = admin('GET', '/__admin/lineage').json;
    const ids = new Set(lineage.revisions.map((r: any) => r.id));
    for (const s of lineage.sessions) expect(ids.has(s.head), s.id).toBe(true);
    for (const c of [...lineage.checkpoints, ...lineage.commits]) expect(ids.has(c.revision), c.id).toBe(true);
    const parents = lineage.revisions.flatMap((r: any) => r.parents.map((p: string) => `${p}->${r.id}`));
    expect(lineage.edges.map((e: any) => e.id).sort()).toEqual(parents.sort());
    for (const r of lineage.revisions) expect(r.headOf.sort()).toEqual(lineage.sessions.filter((s: any) => s.head === r.id).map((s: any) => s.id).sort());
  });

  it("names the demo's forks, its retiring merge, and fork edges into a fork's own first revision", () => {
    const { admin, byTitle } = setup();
    const lineage = admin('GET', '/__admin/lineage').json;
    const forked = lineage.sessions.filter((s: any) => s.parentSessionId !== null);
    expect(lineage.forks.map((f: any) => f.sessionId)).toEqual(forked.map((s: any) => s.id));
    expect(lineage.merges).toEqual([{ sessionId: byTitle('Login form, proposal A').id, mergedIntoSessionId: byTitle('Acme web app').id }]);
    const owner = new Map(lineage.revisions.map((r: any) => [r.id, r.sessionId]));
    const forkEdges = lineage.edges.filter((e: any) => e.kind === 'fork');
    expect(forkEdges.length).toBeGreaterThan(5);
    for (const e of forkEdges) {
      const session = lineage.sessions.find((s: any) => s.id === owner.get(e.to));
      expect(session.baseRevision, e.id).toBe(e.from);
    }
    // A fork's own revisions belong to it, not to the session it was forked from.
    const hotfix = byTitle('Hotfix from v0.4.0');
    expect(owner.get(hotfix.head)).toBe(hotfix.id);
    // The demo's merge of proposal A fast-forwarded the web app: the head they share stays A's.
    expect(byTitle('Acme web app').head).toBe(byTitle('Login form, proposal A').head);
    expect(owner.get(byTitle('Acme web app').head)).toBe(byTitle('Login form, proposal A').id);
  });

  it('shows a merge that made a revision as a two-parent revision with a merge edge', () => {
    const { api, admin, byTitle } = setup();
    const web = byTitle('Acme web app');
    const hotfix = byTitle('Hotfix from v0.4.0');
    const merged = api.send('POST', `/v1/sessions/${web.id}:merge`, { json: { sourceSessionId: hotfix.id } });
    expect(merged.status, JSON.stringify(merged.json)).toBe(200);
    const lineage = admin('GET', '/__admin/lineage').json;
    const head = lineage.revisions.find((r: any) => r.id === byTitle('Acme web app').head);
    expect(head.parents).toEqual([web.head, hotfix.head]);
    expect(head.sessionId).toBe(web.id);
    expect(lineage.edges).toContainEqual({ id: `${hotfix.head}->${head.id}`, from: hotfix.head, to: head.id, kind: 'merge' });
  });
});

describe('GET /__admin/revisions/{revision}/files', () => {
  it("lists a revision's files and answers each one's bytes, as the public API does at that head", () => {
    const { api, admin, byTitle } = setup();
    const web = byTitle('Acme web app');
    const listed = admin('GET', `/__admin/revisions/${web.head}/files`).json;
    const paths = api.send('GET', `/v1/sessions/${web.id}/files?limit=100`).json.items.map((f: any) => f.path);
    expect(listed.files.map((f: any) => f.path)).toEqual(paths);
    expect(listed.environmentSpec).not.toBeNull();
    const file = admin('GET', `/__admin/revisions/${web.head}/files/${encodeURIComponent('src/login.tsx')}`);
    const viaApi = api.send('GET', `/v1/sessions/${web.id}/files/${encodeURIComponent('src/login.tsx')}`);
    expect(file.status).toBe(200);
    expect(new TextDecoder().decode(file.body as Uint8Array)).toBe(new TextDecoder().decode(viaApi.bytes));
  });

  it('answers 404 revision-not-found, 404 file-not-found and 400 for a path that is not percent-encoding', () => {
    const { admin, byTitle } = setup();
    const head = byTitle('Acme web app').head;
    expectProblem(admin('GET', '/__admin/revisions/rev_nope/files'), 404, 'revision-not-found');
    expectProblem(admin('GET', '/__admin/revisions/rev_nope/files/a'), 404, 'revision-not-found');
    expectProblem(admin('GET', `/__admin/revisions/${head}/files/nope.txt`), 404, 'file-not-found');
    expectProblem(admin('GET', `/__admin/revisions/${head}/files/%E0%A4%A`), 400, 'validation-failed');
  });
});

describe('admin read routes', () => {
  it('answer HEAD with the headers only and refuse other methods with 405 and Allow', () => {
    const { admin, byTitle } = setup();
    const head = byTitle('Acme web app').head;
    for (const url of ['/__admin/sessions', '/__admin/lineage', `/__admin/sessions/${byTitle('Acme web app').id}`, `/__admin/revisions/${head}/files`]) {
      const answered = admin('HEAD', url);
      expect(answered.status, url).toBe(200);
      expect(answered.headers['content-type'], url).toBe('application/json');
      const refused = admin('POST', url);
      expectProblem(refused, 405, 'method-not-allowed');
      expect(refused.headers.allow, url).toBe('GET, HEAD');
    }
  });

  it('are listed by GET /__admin', () => {
    const { admin } = setup();
    expect(Object.keys(admin('GET', '/__admin').json.endpoints)).toEqual(expect.arrayContaining(['GET /__admin/sessions', 'GET /__admin/lineage', 'GET /__admin/revisions/{revision}/files', 'GET /__admin/ui']));
  });
});

describe('GET /__admin/ui', () => {
  it('is served by the node server with its scripts and the layout library, under a same-origin-only CSP', async () => {
    const server = await createMockServer({ fixtures: null });
    try {
      for (const [path, type] of [['/__admin/ui', 'text/html'], ['/__admin/ui/app.js', 'text/javascript'], ['/__admin/ui/dagre.min.js', 'text/javascript'], ['/__admin/ui/admin-ui.css', 'text/css']] as const) {
        const response = await httpRequest(`${server.url}${path}`);
        const body = await response.body.text();
        expect(response.statusCode, path).toBe(200);
        expect(String(response.headers['content-type']), path).toContain(type);
        expect(String(response.headers['content-security-policy']), path).toContain("script-src 'self'");
        expect(body.length, path).toBeGreaterThan(100);
      }
      const missing = await httpRequest(`${server.url}/__admin/ui/nope.js`);
      expect(missing.statusCode).toBe(404);
      expect((await missing.body.json() as { code: string }).code).toBe('route-not-found');
    } finally {
      await server.close();
    }
  });

  it('says so when the app was built without the UI files', () => {
    const { admin } = setup();
    expectProblem(admin('GET', '/__admin/ui'), 404, 'route-not-found');
  });
});
