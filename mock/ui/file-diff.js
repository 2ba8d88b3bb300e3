// A session's files at a revision and the diff against another revision, computed here from two
// file lists (GET /__admin/revisions/{rev}/files) and the two texts of a changed file.
import { adminFetch } from './admin-token.js';
import { getJson, h, problemText, replace } from './dom.js';

/** Most lines a side may have for a line diff (the table is lines × lines). */
const DIFF_LIMIT = 2000;

/** Added, modified and deleted paths from `from` to `to`, by path. */
export function changedFiles(from, to) {
  const before = new Map(from.files.map((f) => [f.path, f.sha256]));
  const after = new Map(to.files.map((f) => [f.path, f.sha256]));
  const changes = [];
  for (const [path, sha] of after) {
    if (!before.has(path)) changes.push({ path, change: 'added' });
    else if (before.get(path) !== sha) changes.push({ path, change: 'modified' });
  }
  for (const path of before.keys()) if (!after.has(path)) changes.push({ path, change: 'deleted' });
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A line diff by longest common subsequence: [{ kind: 'same' | 'add' | 'del', line }]. */
export function lineDiff(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  if (x.length > DIFF_LIMIT || y.length > DIFF_LIMIT) return null;
  const n = x.length;
  const m = y.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) table[i][j] = x[i] === y[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const out = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) { out.push({ kind: 'same', line: x[i] }); i += 1; j += 1; }
    else if (table[i + 1][j] >= table[i][j + 1]) { out.push({ kind: 'del', line: x[i] }); i += 1; }
    else { out.push({ kind: 'add', line: y[j] }); j += 1; }
  }
  while (i < n) out.push({ kind: 'del', line: x[i++] });
  while (j < m) out.push({ kind: 'add', line: y[j++] });
  return out;
}

const listUrl = (revision) => `/__admin/revisions/${encodeURIComponent(revision)}/files`;
const fileUrl = (revision, path) => `${listUrl(revision)}/${encodeURIComponent(path)}`;

/** A file's text at a revision, or a note when it is absent or not UTF-8. */
async function fileText(revision, path) {
  const response = await adminFetch(fileUrl(revision, path));
  if (response.status === 404) return { text: '', note: `not at ${revision}` };
  if (!response.ok) throw new Error(problemText(response.status, await response.text()));
  const bytes = new Uint8Array(await response.arrayBuffer());
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), note: null };
  } catch {
    return { text: null, note: `binary, ${bytes.length} bytes` };
  }
}

/** Shows one file at `revision` in `view`, as a diff against `compare` when that is set and differs. */
export async function showFile(view, heading, revision, compare, path) {
  const now = await fileText(revision, path);
  if (!compare || compare === revision) {
    heading.textContent = `${path} at ${revision}`;
    replace(view, now.text ?? `(${now.note})`);
    return;
  }
  const before = await fileText(compare, path);
  heading.textContent = `${path}: ${compare} → ${revision}`;
  if (now.text === null || before.text === null) return replace(view, `(${now.note ?? before.note})`);
  const diff = lineDiff(before.text, now.text);
  if (diff === null) return replace(view, `(more than ${DIFF_LIMIT} lines: no line diff)`);
  replace(view, diff.map((d) => h('span', { class: d.kind }, `${d.kind === 'add' ? '+ ' : d.kind === 'del' ? '- ' : '  '}${d.line}`)));
}

/** Fills the file list of `revision` and the changes list against `compare`; a click shows that file. */
export async function showRevision(parts, revision, compare) {
  const { list, changes, view, heading } = parts;
  const files = await getJson(listUrl(revision));
  const open = (path, base) => () => { showFile(view, heading, revision, base, path).catch((e) => replace(view, String(e.message))); };
  replace(list, files.files.map((f) => h('li', {}, h('button', { type: 'button', 'data-path': f.path, onclick: open(f.path, null) }, `${f.path} (${f.size} B)`))));
  if (!compare || compare === revision) return replace(changes, h('li', {}, 'Choose another revision to compare with.'));
  const other = await getJson(listUrl(compare));
  const changed = changedFiles(other, files);
  replace(changes, changed.length === 0
    ? h('li', {}, 'No file differs.')
    : changed.map((c) => h('li', {}, h('button', { type: 'button', class: `change-${c.change}`, 'data-change': c.change, 'data-path': c.path, onclick: open(c.path, compare) }, `${c.change} ${c.path}`))));
}
