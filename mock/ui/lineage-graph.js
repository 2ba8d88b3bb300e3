// The lineage graph: revisions and session boxes laid out by dagre (the global from dagre.min.js)
// and drawn as SVG. Every node is focusable and labelled; ids and kinds are data attributes, which
// the browser test reads.
import { h, s } from './dom.js';

const REVISION = { width: 132, height: 34 };
const SESSION_HEIGHT = 40;
/** Most nodes laid out at once: dagre takes about a second for 1,000 (measured in Node), and a redraw follows every change. */
const MAX_NODES = 1500;

function short(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The nodes and edges to draw for the sessions of `tenant` ('' for all). */
export function graphModel(lineage, tenant) {
  const sessions = lineage.sessions.filter((x) => tenant === '' || x.tenantId === tenant);
  const shown = new Set(sessions.map((x) => x.id));
  const byId = new Map(lineage.sessions.map((x) => [x.id, x]));
  const revisions = lineage.revisions.filter((r) => r.sessionId === null ? tenant === '' : shown.has(r.sessionId));
  const kept = new Set(revisions.map((r) => r.id));
  const marks = new Map();
  for (const c of lineage.checkpoints) marks.set(c.revision, [...(marks.get(c.revision) ?? []), `checkpoint ${c.label ?? c.id}`]);
  for (const c of lineage.commits) marks.set(c.revision, [...(marks.get(c.revision) ?? []), `commit “${c.message}”`]);
  const nodes = [
    ...revisions.map((r) => ({ id: `rev:${r.id}`, kind: 'revision', revision: r, marks: marks.get(r.id) ?? [], session: byId.get(r.sessionId) })),
    ...sessions.map((x) => ({ id: `ses:${x.id}`, kind: 'session', session: x })),
  ];
  const edges = lineage.edges.filter((e) => kept.has(e.from) && kept.has(e.to)).map((e) => ({ ...e, v: `rev:${e.from}`, w: `rev:${e.to}` }));
  for (const x of sessions) if (kept.has(x.head)) edges.push({ id: `head:${x.id}`, kind: 'head', v: `rev:${x.head}`, w: `ses:${x.id}`, session: x.id });
  for (const m of lineage.merges) {
    if (shown.has(m.sessionId) && shown.has(m.mergedIntoSessionId)) edges.push({ id: `merged:${m.sessionId}`, kind: 'merged-into', v: `ses:${m.sessionId}`, w: `ses:${m.mergedIntoSessionId}`, merge: m.sessionId });
  }
  // A fork shows as the edge into the fork's first own revision, or, when it has none yet, as the
  // edge from its base revision to its box.
  const owner = new Map(lineage.revisions.map((r) => [r.id, r.sessionId]));
  for (const f of lineage.forks) {
    if (!shown.has(f.sessionId)) continue;
    const own = edges.find((e) => e.kind === 'fork' && owner.get(e.to) === f.sessionId);
    const head = edges.find((e) => e.id === `head:${f.sessionId}`);
    const edge = own ?? head;
    if (edge) edge.fork = f.sessionId;
  }
  return { nodes, edges };
}

function sessionLabel(x) {
  const state = [x.status === 'merged' ? `merged into ${x.mergedIntoSessionId}` : 'active', x.deleted ? 'deleted' : null].filter(Boolean).join(', ');
  return `Session ${x.title} (${x.id}, ${x.tenantId}), ${state}, head ${x.head}`;
}

function revisionLabel(node) {
  const r = node.revision;
  const parts = [`Revision ${r.id}`, node.session ? `of session ${node.session.title}` : 'of no session', `${r.fileCount} files`];
  if (r.parents.length > 0) parts.push(`parents ${r.parents.join(' and ')}`);
  if (r.headOf.length > 0) parts.push(`head of ${r.headOf.join(', ')}`);
  return [...parts, ...node.marks].join(', ');
}

function nodeElement(node, box, onSelect) {
  const x = box.x - box.width / 2;
  const y = box.y - box.height / 2;
  const isSession = node.kind === 'session';
  const classes = ['node', node.kind, isSession && node.session.status === 'merged' ? 'merged' : '', isSession && node.session.deleted ? 'deleted' : ''].filter(Boolean).join(' ');
  const lines = isSession
    ? [short(node.session.title, 34), `${node.session.id} · ${node.session.deleted ? 'deleted' : node.session.status}`]
    : [node.revision.id, short(node.marks.map((m) => (m.startsWith('commit') ? '✓' : `⚑ ${m.slice('checkpoint '.length)}`)).join(' '), 22)];
  const label = isSession ? sessionLabel(node.session) : revisionLabel(node);
  const select = () => onSelect(node);
  return s('g', {
    class: classes, tabindex: 0, role: 'button', 'aria-label': label, 'data-node-id': node.id, 'data-node-kind': node.kind,
    onclick: select, onkeydown: (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); select(); } },
  },
  s('title', {}, label),
  s('rect', { x, y, width: box.width, height: box.height, rx: isSession ? 6 : 3 }),
  lines.map((line, i) => s('text', { x: x + 6, y: y + 14 + i * 14 }, line)));
}

function edgeElement(edge, points) {
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  return s('path', { class: `edge ${edge.kind}`, d, 'marker-end': 'url(#arrow)', 'data-edge-id': edge.id, 'data-edge-kind': edge.kind, 'data-fork': edge.fork, 'data-merge': edge.merge });
}

/** Lays out and draws the graph into `container`; `onSelect(node)` on click or Enter. */
export function drawLineage(container, lineage, tenant, onSelect) {
  const model = graphModel(lineage, tenant);
  if (model.nodes.length > MAX_NODES) {
    container.replaceChildren(h('p', {}, `${model.nodes.length} nodes: more than ${MAX_NODES} to lay out at once. Choose a tenant above.`));
    return model;
  }
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 36, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of model.nodes) {
    const width = node.kind === 'session' ? Math.max(150, Math.min(34, node.session.title.length) * 7.2 + 16) : REVISION.width;
    g.setNode(node.id, { width, height: node.kind === 'session' ? SESSION_HEIGHT : REVISION.height });
  }
  for (const edge of model.edges) g.setEdge(edge.v, edge.w, {}, edge.id);
  dagre.layout(g);
  const { width = 0, height = 0 } = g.graph();
  const focused = document.activeElement?.getAttribute?.('data-node-id');
  const svg = s('svg', { width: Math.ceil(width), height: Math.ceil(height), role: 'group', 'aria-label': `Lineage graph: ${model.nodes.length} nodes, ${model.edges.length} edges`, 'data-nodes': model.nodes.length, 'data-edges': model.edges.length },
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#57606a' }))),
    model.edges.map((edge) => edgeElement(edge, g.edge({ v: edge.v, w: edge.w, name: edge.id }).points)),
    model.nodes.map((node) => nodeElement(node, g.node(node.id), onSelect)));
  container.replaceChildren(svg);
  // A redraw (new state) keeps keyboard focus where it was.
  if (focused) svg.querySelector(`[data-node-id="${CSS.escape(focused)}"]`)?.focus();
  return model;
}
