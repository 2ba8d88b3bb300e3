// The admin UI: follows GET /__admin/events, polls the admin read routes every second, and redraws what changed (sessions by
// tenant, the lineage graph, the request log, the faults); the file view follows the selection. Every read sends the admin
// token when the mock needs one (admin-token.js).
import { wireControls, renderFaults, renderRequests } from './controls.js';
import { adminFetch, AdminTokenRefused, waitingForToken, wireTokenForm } from './admin-token.js';
import { getJson, h, problemText, replace, setOptions } from './dom.js';
import { showRevision } from './file-diff.js';
import { drawLineage } from './lineage-graph.js';

const POLL_MS = 1000;
/** How soon a stream that ended (a reset, an import, a restart) is read again. */
const RECONNECT_MS = 1000;
const $ = (id) => document.getElementById(id);
const last = new Map();
let lineage = null;

function status(text) {
  $('status').textContent = text;
}

/** A tenant's sessions as a table; deleted and merged rows are marked, titles pick the session for the file view. */
function sessionTable(tenant, sessions) {
  const row = (x) => h('tr', { class: x.deleted ? 'deleted' : x.status === 'merged' ? 'merged' : null, 'data-session-id': x.id },
    h('td', {}, h('button', { type: 'button', onclick: () => selectSession(x.id) }, x.title)),
    h('td', {}, x.id),
    h('td', { 'data-field': 'status' }, x.status === 'merged' ? `merged into ${x.mergedIntoSessionId}` : x.status, x.deleted ? ', deleted' : ''),
    h('td', {}, x.tags.map((t) => h('span', { class: 'tag' }, t))),
    h('td', {}, x.parentSessionId ?? ''),
    h('td', {}, x.baseRevision ?? ''),
    h('td', {}, x.head),
    h('td', {}, x.createdAt));
  return h('section', { 'data-tenant': tenant, 'aria-labelledby': `tenant-${tenant}` },
    h('h3', { id: `tenant-${tenant}` }, `Tenant ${tenant} (${sessions.length} sessions)`),
    h('table', {},
      h('thead', {}, h('tr', {}, ['Title', 'Id', 'Status', 'Tags', 'Parent', 'Base revision', 'Head', 'Created'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, sessions.map(row))));
}

function renderSessions(items) {
  const tenants = [...new Set(items.map((x) => x.tenantId))].sort();
  replace($('sessions-body'), tenants.map((t) => sessionTable(t, items.filter((x) => x.tenantId === t))));
  setOptions($('lineage-tenant'), [{ value: '', label: 'all' }, ...tenants.map((t) => ({ value: t, label: t }))]);
}

/** The revisions of a session's history, newest first: its head's first-parent line down to a root. */
function history(session) {
  const byId = new Map(lineage.revisions.map((r) => [r.id, r]));
  const out = [];
  for (let r = byId.get(session.head); r; r = byId.get(r.parents[0])) out.push(r);
  return out;
}

function revisionOption(r, session) {
  const marks = [
    ...lineage.commits.filter((c) => c.revision === r.id).map((c) => `commit “${c.message}”`),
    ...lineage.checkpoints.filter((c) => c.revision === r.id).map((c) => `checkpoint ${c.label ?? c.id}`),
  ];
  const own = r.sessionId === session.id ? '' : ` (from ${r.sessionId})`;
  return { value: r.id, label: `${r.id}${r.id === session.head ? ' (head)' : ''}${own}${marks.length ? ` ${marks.join(', ')}` : ''}` };
}

let shown = '';
/** Keeps the file view's selects in step with the lineage and loads the selected revision (`wanted`, else the one selected). */
function renderFilePickers(wanted) {
  const session = lineage.sessions.find((x) => x.id === $('files-session').value) ?? lineage.sessions[0];
  setOptions($('files-session'), lineage.sessions.map((x) => ({ value: x.id, label: `${x.tenantId} / ${x.title} (${x.id})${x.deleted ? ' deleted' : ''}` })), session?.id);
  if (!session) return;
  const line = history(session);
  setOptions($('files-revision'), line.map((r) => revisionOption(r, session)), wanted ?? $('files-revision').value);
  const revision = line.find((r) => r.id === $('files-revision').value);
  setOptions($('files-compare'), [{ value: '', label: '(none)' }, ...line.filter((r) => r !== revision).map((r) => revisionOption(r, session))], $('files-compare').dataset.chosen ?? revision?.parents[0] ?? '');
  const selected = `${$('files-revision').value}|${$('files-compare').value}`;
  if (selected === shown) return;
  shown = selected;
  showRevision({ list: $('files-list'), changes: $('files-changes'), view: $('files-view'), heading: $('files-view-heading') }, $('files-revision').value, $('files-compare').value)
    .catch((error) => status(`Files: ${error.message}`));
}

/** Shows a session in the file view, at `revision` or else at its head. */
function selectSession(id, revision) {
  $('files-session').value = id;
  delete $('files-compare').dataset.chosen;
  renderFilePickers(revision ?? lineage.sessions.find((x) => x.id === id)?.head);
  $('files-heading').scrollIntoView();
}

function renderLineage() {
  drawLineage($('lineage-graph'), lineage, $('lineage-tenant').value, (node) => {
    if (node.kind === 'session') selectSession(node.session.id);
    else if (node.revision.sessionId) selectSession(node.revision.sessionId, node.revision.id);
  });
}

/**
 * One poll of the read routes, redrawing only what changed since the last answer. Every change
 * the lineage shows (a head, a checkpoint, a commit, a fork, a merge, a deletion) also changes
 * the session list, so the lineage (a walk of the whole DAG) is read only after the list changed.
 */
async function poll() {
  const text = async (url) => {
    const response = await adminFetch(url);
    const body = await response.text();
    if (!response.ok) throw new Error(`${url}: ${problemText(response.status, body)}`);
    return body;
  };
  const [sessions, requests, faults] = await Promise.all(['/__admin/sessions', '/__admin/requests?limit=50', '/__admin/faults'].map(text));
  const changed = (name, value) => { if (last.get(name) === value) return false; last.set(name, value); return true; };
  if (last.get('sessions') !== sessions) {
    const lineageText = await text('/__admin/lineage');
    // Marked as seen only once the lineage is in: a failed read is retried on the next poll.
    last.set('sessions', sessions);
    renderSessions(JSON.parse(sessions).items);
    if (changed('lineage', lineageText)) {
      lineage = JSON.parse(lineageText);
      renderLineage();
      renderFilePickers();
    }
  }
  if (changed('requests', requests)) renderRequests(JSON.parse(requests).items);
  if (changed('faults', faults)) renderFaults(JSON.parse(faults));
  if ($('status').dataset.failing) {
    delete $('status').dataset.failing;
    status('');
  }
}

async function refreshNow() {
  await poll();
}

function reportFailure(error) {
  status(`Cannot read the admin API: ${error.message}`);
  $('status').dataset.failing = 'true';
}

/** Polls every second; while the token form waits for a token it does not ask (each ask would be a 401). */
function loop() {
  const next = () => setTimeout(loop, POLL_MS);
  if (waitingForToken()) return void next();
  poll().catch(reportFailure).finally(next);
}

/**
 * Every session's events (GET /__admin/events): a change made through the API redraws at once,
 * not at the next poll. Bursts of events fold into one read. Read with fetch, not EventSource,
 * which cannot send the admin token; a stream that ends (a reset or an import replaces the state)
 * is read again, one the token was refused for waits for the form. The poll stays for the
 * request log and faults.
 */
let eventsSeen = 0;
let redrawSoon = false;
let following = null;

function heard() {
  eventsSeen += 1;
  if (redrawSoon) return;
  redrawSoon = true;
  setTimeout(() => {
    redrawSoon = false;
    poll().catch(() => undefined);
  }, 30);
}

async function readEvents(signal) {
  const response = await adminFetch('/__admin/events', { headers: { accept: 'text/event-stream' }, signal });
  if (!response.ok || !response.body) throw new Error(`/__admin/events: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      // `: …` comments (the opening line, keep-alives) carry no event.
      if (block.split('\n').some((line) => line.startsWith('data:'))) heard();
    }
  }
}

/** (Re)starts following the stream, dropping the one read before (a new token replaces it). */
function followEvents() {
  following?.abort();
  const controller = new AbortController();
  following = controller;
  readEvents(controller.signal).then(() => true, (error) => !(error instanceof AdminTokenRefused)).then((again) => {
    if (again && following === controller && !controller.signal.aborted) setTimeout(() => { if (following === controller) followEvents(); }, RECONNECT_MS);
  });
}

$('lineage-tenant').addEventListener('change', () => renderLineage());
$('files-session').addEventListener('change', () => selectSession($('files-session').value));
$('files-revision').addEventListener('change', () => { delete $('files-compare').dataset.chosen; renderFilePickers(); });
$('files-compare').addEventListener('change', () => { $('files-compare').dataset.chosen = $('files-compare').value; renderFilePickers(); });
wireControls(refreshNow, status);
// A token entered: read everything again with it, the stream included.
wireTokenForm(() => {
  poll().catch(reportFailure);
  followEvents();
});
loop();
followEvents();
// For tests and the curious: what the page last read, and how many events it was told of.
globalThis.adminUi = { get lineage() { return lineage; }, get eventsSeen() { return eventsSeen; }, getJson };
