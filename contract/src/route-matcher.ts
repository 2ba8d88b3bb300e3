import type { OperationSpec } from './operations.js';

/** The outcome of matching a method and a path against the contract's routes. */
export type RouteMatch =
  | { readonly kind: 'matched'; readonly operation: OperationSpec; readonly pathParams: Readonly<Record<string, string>> }
  /** The path exists but not with this method: answer 405 with `Allow`. */
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  /** A path parameter was not valid percent-encoded UTF-8. */
  | { readonly kind: 'bad-encoding'; readonly parameter: string }
  | { readonly kind: 'not-found' };

interface CompiledRoute {
  readonly template: string;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  /** Literal characters in the template: more literal text is a more specific route. */
  readonly specificity: number;
  readonly byMethod: Map<string, OperationSpec>;
  /** The `Allow` header's methods, sorted; filled once the route has all its operations. */
  allow: readonly string[];
}

/** Path parameters never span a `/`, so a route only ever matches paths with its number of slashes. */
function slashCount(path: string): number {
  let count = 0;
  for (let at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) count += 1;
  return count;
}

function compileTemplate(template: string): Omit<CompiledRoute, 'byMethod' | 'allow'> {
  const paramNames: string[] = [];
  let specificity = 0;
  // A parameter matches one path segment; the custom-method suffix (`:merge`) stays literal, so
  // `/v1/sessions/{id}:merge` and `/v1/sessions/{id}` never shadow each other.
  const source = template.replace(/\{([^}]+)\}|([^{]+)/g, (_all, name: string | undefined, literal: string | undefined) => {
    if (name !== undefined) {
      paramNames.push(name);
      return '([^/]+?)';
    }
    specificity += (literal ?? '').length;
    return (literal ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return { template, pattern: new RegExp(`^${source}$`), paramNames, specificity };
}

/** Matches request paths to operations; built once from the operation index. */
export class RouteMatcher {
  /** Routes by the number of slashes in their template, most specific first within each. */
  private readonly bySlashes = new Map<number, CompiledRoute[]>();

  constructor(operations: Iterable<OperationSpec>) {
    const byTemplate = new Map<string, CompiledRoute>();
    for (const op of operations) {
      let route = byTemplate.get(op.pathTemplate);
      if (!route) {
        route = { ...compileTemplate(op.pathTemplate), byMethod: new Map(), allow: [] };
        byTemplate.set(op.pathTemplate, route);
      }
      route.byMethod.set(op.method, op);
    }
    const sorted = [...byTemplate.values()].sort((a, b) => b.specificity - a.specificity || a.paramNames.length - b.paramNames.length);
    for (const route of sorted) {
      route.allow = [...route.byMethod.keys()].sort();
      const slashes = slashCount(route.template);
      const bucket = this.bySlashes.get(slashes);
      if (bucket) bucket.push(route);
      else this.bySlashes.set(slashes, [route]);
    }
  }

  /** `pathname` is the raw (still percent-encoded) path of the request, without the query. */
  match(method: string, pathname: string): RouteMatch {
    const upper = method.toUpperCase();
    for (const route of this.bySlashes.get(slashCount(pathname)) ?? []) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      // The most specific route whose path matches decides, as in any router: `GET .../x:merge`
      // is a 405 on the merge route, not a `getSession` for an id that contains `:merge`.
      const operation = route.byMethod.get(upper);
      if (!operation) return { kind: 'method-not-allowed', allow: [...route.allow] };
      const pathParams: Record<string, string> = {};
      for (let index = 0; index < route.paramNames.length; index += 1) {
        const name = route.paramNames[index] as string;
        try {
          pathParams[name] = decodeURIComponent(found[index + 1] ?? '');
        } catch {
          return { kind: 'bad-encoding', parameter: name };
        }
      }
      return { kind: 'matched', operation, pathParams };
    }
    return { kind: 'not-found' };
  }
}
