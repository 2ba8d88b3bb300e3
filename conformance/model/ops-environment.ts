/**
 * The environment spec routes (SEMANTICS §9): read, replace, derive from files.
 */
import type { Principal } from './access.js';
import { withSpec } from './content.js';
import { cloneSpec, type EnvironmentSpec } from './environment-spec.js';
import { generateSpec } from './generate-spec.js';
import type { ModelStore, ServerReport } from './model-store.js';
import { fail, succeed, type Outcome } from './outcome.js';

/** The body of `POST /generateEnvironmentSpec`. */
export interface GeneratedSpec {
  spec: EnvironmentSpec;
  sources: string[];
  applied: boolean;
  revision: string;
}

/** `GET /environmentSpec`: the spec at the head; 404 `environment-spec-not-set` when none. */
export function getEnvironmentSpec(store: ModelStore, actor: Principal | null, sessionId: string): Outcome<EnvironmentSpec> {
  const located = store.guard(actor, sessionId, { need: 'read' });
  if (!located.ok) return located;
  const spec = store.graph.content(located.session.head).environmentSpec;
  return spec === null ? fail('environment-spec-not-set') : succeed(cloneSpec(spec) as EnvironmentSpec);
}

/** `PUT /environmentSpec`: a content change when the spec differs; an equal one changes nothing. */
export function putEnvironmentSpec(store: ModelStore, actor: Principal | null, sessionId: string, input: { spec: EnvironmentSpec; ifMatch?: string }, reported: ServerReport): Outcome<EnvironmentSpec> {
  const located = store.guard(actor, sessionId, { need: 'change', ifMatch: input.ifMatch, requireActive: true });
  if (!located.ok) return located;
  const session = located.session;
  const head = store.graph.content(session.head);
  let changed = false;
  store.tracked(session, () => {
    changed = store.advance(session, withSpec(head, input.spec), reported);
  });
  if (changed) store.emit(session, 'environment-spec.changed', actor as Principal, { generated: false });
  return succeed(cloneSpec(input.spec) as EnvironmentSpec);
}

/**
 * `POST /generateEnvironmentSpec`: derives a spec; with `apply: true` stores it (change rights,
 * active session). Throws when the head holds a recognised file the model does not parse (the
 * suite never writes one).
 */
export function generateEnvironmentSpec(store: ModelStore, actor: Principal | null, sessionId: string, input: { apply?: boolean; ifMatch?: string }, reported: ServerReport): Outcome<GeneratedSpec> {
  const apply = input.apply === true;
  const located = store.guard(actor, sessionId, apply ? { need: 'change', ifMatch: input.ifMatch, requireActive: true } : { need: 'read', ifMatch: input.ifMatch });
  if (!located.ok) return located;
  const session = located.session;
  const head = store.graph.content(session.head);
  const generated = generateSpec(head.files);
  if (generated === null) throw new Error('the model cannot derive a spec from these files');
  let changed = false;
  if (apply) store.tracked(session, () => {
    changed = store.advance(session, withSpec(head, generated.spec), reported);
  });
  if (changed) store.emit(session, 'environment-spec.changed', actor as Principal, { generated: true });
  return succeed({ spec: generated.spec, sources: generated.sources, applied: apply, revision: session.head });
}
