import { generateEnvironmentSpec, type EnvironmentSpec } from '../domain/index.js';
import type { OperationHandler } from '../http/pipeline.js';
import { failure, json, problemFrom } from '../http/respond.js';
import { etag } from '../state/conditional.js';
import type { Store } from '../state/store.js';
import { changeable, jsonBody, readable, sessionIfMatch } from './common.js';

/** The environment spec: part of content, so setting a different one makes a revision. */
export function environmentHandlers(store: Store): Record<string, OperationHandler> {
  return {
    getEnvironmentSpec(input) {
      const found = readable(store, input);
      if (!found.ok) return problemFrom(found);
      const spec = store.content(found.value.head).environmentSpec;
      if (!spec) return problemFrom(failure('environment-spec-not-set', `Session ${found.value.id} has no environment spec.`));
      return json(200, spec, { etag: etag(found.value.version) });
    },

    putEnvironmentSpec(input) {
      const found = changeable(store, input);
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const spec = jsonBody<EnvironmentSpec>(input) as EnvironmentSpec;
      if (store.advance(session, { ...store.content(session.head), environmentSpec: spec })) store.events.append(session, 'environment-spec.changed', input.principal.principalId, { generated: false });
      return json(200, store.content(session.head).environmentSpec, { etag: etag(session.version) });
    },

    generateEnvironmentSpec(input) {
      const apply = jsonBody<{ apply: boolean }>(input).apply === true;
      // Deriving only reads; storing it is a change and needs change rights on an active session.
      // If-Match holds either way (a stale one is 412), so a dry run can be tied to a version.
      const seen = apply ? changeable(store, input) : readable(store, input);
      const found = seen.ok && !apply ? sessionIfMatch(input, seen.value) : seen;
      if (!found.ok) return problemFrom(found);
      const session = found.value;
      const content = store.content(session.head);
      const { spec, sources } = generateEnvironmentSpec(content.files);
      if (apply && store.advance(session, { ...content, environmentSpec: spec })) store.events.append(session, 'environment-spec.changed', input.principal.principalId, { generated: true });
      return json(200, { spec, sources, applied: apply, revision: session.head });
    },
  };
}
