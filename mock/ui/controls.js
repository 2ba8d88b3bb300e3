// The request log, the fault and latency controls, and reset / export / import: each a thin form
// over an admin route (README "Admin API").
import { adminFetch } from './admin-token.js';
import { getJson, h, problemText, replace } from './dom.js';

const $ = (id) => document.getElementById(id);

/** Redraws the request log from GET /__admin/requests. */
export function renderRequests(items) {
  replace($('requests-body'), items.map((r) => h('tr', { 'data-status': r.status },
    h('td', {}, r.at ?? ''), h('td', {}, r.method), h('td', {}, r.url), h('td', {}, r.status), h('td', {}, r.durationMs), h('td', {}, r.code ?? ''))));
}

/** Shows the current faults in the controls (the checkbox, the rule list). */
export function renderFaults(faults) {
  const on = $('latency-on');
  on.checked = faults.latency !== null;
  if (faults.latency !== null && document.activeElement !== $('latency-min') && document.activeElement !== $('latency-max')) {
    $('latency-min').value = faults.latency.minMs;
    $('latency-max').value = faults.latency.maxMs;
  }
  replace($('fault-rules'), faults.errors.length === 0 ? h('li', {}, 'No error rules.') : faults.errors.map((rule, index) => h('li', { 'data-rule': index },
    `${rule.operationId}: ${rule.status} at rate ${rule.rate} `,
    h('button', { type: 'button', 'aria-label': `Remove rule ${index + 1} (${rule.operationId} ${rule.status})`, onclick: () => run(() => putFaults({ ...faults, errors: faults.errors.filter((_, i) => i !== index) }), 'Rule removed') }, 'Remove'))));
}

async function putFaults(faults) {
  return getJson('/__admin/faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
}

let refresh = () => Promise.resolve();
let say = () => {};

/** Runs an action, reports its outcome in the status line, then refreshes the views. */
function run(action, done) {
  action().then(() => { say(done); return refresh(); }).catch((error) => say(`Failed: ${error.message}`));
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = h('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Wires the buttons and inputs; `refreshNow` re-reads the state, `status` writes the status line. */
export function wireControls(refreshNow, status) {
  refresh = refreshNow;
  say = status;
  $('requests-clear').addEventListener('click', () => run(() => getJson('/__admin/requests', { method: 'DELETE' }), 'Request log cleared'));
  const latency = async () => {
    const current = await getJson('/__admin/faults');
    const minMs = Number($('latency-min').value);
    const maxMs = Number($('latency-max').value);
    return putFaults({ ...current, latency: $('latency-on').checked ? { minMs, maxMs } : null });
  };
  $('latency-on').addEventListener('change', () => run(latency, $('latency-on').checked ? 'Latency on' : 'Latency off'));
  for (const id of ['latency-min', 'latency-max']) $(id).addEventListener('change', () => { if ($('latency-on').checked) run(latency, 'Latency changed'); });
  $('fault-add').addEventListener('click', () => run(async () => {
    const current = await getJson('/__admin/faults');
    const rule = { operationId: $('fault-operation').value.trim() || '*', status: Number($('fault-status').value), rate: Number($('fault-rate').value) };
    return putFaults({ ...current, errors: [...current.errors, rule] });
  }, 'Error rule added'));
  $('faults-clear').addEventListener('click', () => run(() => getJson('/__admin/faults', { method: 'DELETE' }), 'All faults removed'));
  $('state-reset').addEventListener('click', () => run(() => getJson('/__admin/reset', { method: 'POST' }), 'State reset to the fixtures'));
  $('state-export').addEventListener('click', () => run(async () => {
    const response = await adminFetch('/__admin/state');
    const text = await response.text();
    if (!response.ok) throw new Error(problemText(response.status, text));
    download(`${JSON.parse(text).name ?? 'state'}.json`, text);
  }, 'State exported'));
  $('state-import').addEventListener('change', () => {
    const file = $('state-import').files?.[0];
    if (!file) return;
    run(async () => {
      const response = await adminFetch('/__admin/state', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: await file.text() });
      if (!response.ok) throw new Error(problemText(response.status, await response.text()));
      $('state-import').value = '';
    }, `Imported ${file.name}`);
  });
}
