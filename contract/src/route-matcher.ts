import type { OperationSpec } from './operations.js';

/** The outcome of matching a method and a path against the contract's routes. */
export type RouteMatch =
  | { readonly kind: 'matched'; readonly operation: OperationSpec; readonly pathParams: Readonly<Record<string, string>> }
  /** The path exists but not with this method: answer 405 with `Allow`. */
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  /** A path parameter was not valid percent-encoded UTF-8. */
  | { readonly kind: 'bad-encoding'; readonly parameter: string }
  | { readonly kind: 'not-found' };

type LiteralSegment = readonly [index: number, text: string];

interface CompiledRoute {
  readonly template: string;
  readonly pattern: RegExp;
  readonly paramNames: readonly string[];
  /** The template's segments that hold no parameter, by position. */
  readonly literalSegments: readonly LiteralSegment[];
  /**
   * The literal segments that set this route apart from others with as many slashes: a path whose
   * segment differs is passed over without running the pattern. Segments every such route shares
   * (`v1`, `sessions`) are left to the pattern.
   */
  distinctSegments: readonly LiteralSegment[];
  /** Literal characters in the template: more literal text is a more specific route. */
  readonly specificity: number;
  readonly byMethod: Map<string, OperationSpec>;
  /** The `Allow` header's methods, sorted; filled once the route has all its operations. */
  allow: readonly string[];
}

/**
 * Whether every parameter-free segment of `route` is the path's segment at the same position.
 * `slashes` holds the positions of the path's slashes: segment `i` lies between slash `i - 1` and
 * slash `i` (or the end), so no segment is cut out as a string of its own.
 */
function literalsMatch(route: CompiledRoute, path: string, slashes: readonly number[], count: number): boolean {
  for (const [index, text] of route.distinctSegments) {
    const start = index === 0 ? 0 : (slashes[index - 1] as number) + 1;
    const end = index < count ? (slashes[index] as number) : path.length;
    if (end - start !== text.length || !path.startsWith(text, start)) return false;
  }
  return true;
}

function compileTemplate(template: string): Omit<CompiledRoute, 'byMethod' | 'allow' | 'distinctSegments'> {
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
  const literalSegments = template.split('/').flatMap((text, index): LiteralSegment[] => (text.includes('{') ? [] : [[index, text]]));
  return { template, pattern: new RegExp(`^${source}$`), paramNames, literalSegments, specificity };
}

/** Matches request paths to operations; built once from the operation index. */
export class RouteMatcher {
  /**
   * Routes by the number of slashes in their template, most specific first within each. Path
   * parameters never span a `/`, so a route only ever matches paths with its number of slashes.
   */
  private readonly bySlashes = new Map<number, CompiledRoute[]>();
  /** Scratch for `match`: where the path's slashes are (reused, since matching is synchronous). */
  private readonly slashes: number[] = [];

  constructor(operations: Iterable<OperationSpec>) {
    const byTemplate = new Map<string, CompiledRoute>();
    for (const op of operations) {
      let route = byTemplate.get(op.pathTemplate);
      if (!route) {
        route = { ...compileTemplate(op.pathTemplate), byMethod: new Map(), allow: [], distinctSegments: [] };
        byTemplate.set(op.pathTemplate, route);
      }
      route.byMethod.set(op.method, op);
    }
    const sorted = [...byTemplate.values()].sort((a, b) => b.specificity - a.specificity || a.paramNames.length - b.paramNames.length);
    for (const route of sorted) {
      route.allow = [...route.byMethod.keys()].sort();
      const slashes = route.template.split('/').length - 1;
      const bucket = this.bySlashes.get(slashes);
      if (bucket) bucket.push(route);
      else this.bySlashes.set(slashes, [route]);
    }
    for (const bucket of this.bySlashes.values()) {
      const everywhere = ([index, text]: LiteralSegment): boolean => bucket.every((other) => other.literalSegments.some(([i, t]) => i === index && t === text));
      for (const route of bucket) route.distinctSegments = route.literalSegments.filter((segment) => !everywhere(segment));
    }
  }

  /** `pathname` is the raw (still percent-encoded) path of the request, without the query. */
  match(method: string, pathname: string): RouteMatch {
    const upper = method.toUpperCase();
    const slashes = this.slashes;
    let count = 0;
    for (let at = pathname.indexOf('/'); at >= 0; at = pathname.indexOf('/', at + 1)) slashes[count++] = at;
    for (const route of this.bySlashes.get(count) ?? []) {
      if (!literalsMatch(route, pathname, slashes, count)) continue;
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
