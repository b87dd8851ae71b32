/**
 * Which methods a path is served with, from the app's own route table: a request for a known
 * path with another method is a 405 with an `Allow` header rather than a 404. One table for
 * every route (SageMaker, H2O, docs, metrics, multi-model), built from the routes themselves so
 * that a new route needs nothing here.
 */

/** A route as the app lists it (Elysia's `app.routes`). */
export interface RouteEntry {
  readonly method: string;
  readonly path: string;
}

interface PathPattern {
  /** Literal segments, or null where the route has a `:param` (any one non-empty segment). */
  readonly segments: readonly (string | null)[];
  /** The route ends in `*`: any further segments. */
  readonly rest: boolean;
  readonly methods: Set<string>;
}

export class AllowedMethods {
  private patterns: PathPattern[] | undefined;

  /** `routes` is read on first use, once every route is registered. */
  constructor(private readonly routes: () => readonly RouteEntry[]) {}

  /** The methods `path` is served with ("GET, HEAD, …" order), or none when no route matches it. */
  of(path: string): string[] {
    const parts = split(path);
    const methods = new Set<string>();
    for (const p of (this.patterns ??= compile(this.routes()))) if (matches(p, parts)) for (const m of p.methods) methods.add(m);
    // A GET route answers HEAD too.
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }
}

/**
 * The segments of a path as the router sees them: an empty segment ("//invocations") is a
 * segment of its own, which no route has; one trailing '/' is dropped (the router takes
 * "/ping/" for "/ping").
 */
function split(path: string): string[] {
  const end = path.length > 1 && path.endsWith('/') ? path.length - 1 : path.length;
  return end <= 1 ? [] : path.slice(1, end).split('/');
}

function compile(routes: readonly RouteEntry[]): PathPattern[] {
  const byPath = new Map<string, PathPattern>();
  for (const r of routes) {
    let p = byPath.get(r.path);
    if (p === undefined) {
      const parts = split(r.path);
      const rest = parts.at(-1) === '*';
      if (rest) parts.pop();
      p = { segments: parts.map((s) => (s.startsWith(':') ? null : s)), rest, methods: new Set() };
      byPath.set(r.path, p);
    }
    p.methods.add(r.method.toUpperCase());
  }
  return [...byPath.values()];
}

function matches(p: PathPattern, parts: readonly string[]): boolean {
  const n = p.segments.length;
  if (p.rest ? parts.length < n : parts.length !== n) return false;
  for (let i = 0; i < n; i++) {
    const s = p.segments[i];
    if (s === null ? parts[i] === '' : s !== parts[i]) return false;
  }
  return true;
}

/**
 * The path of a request URL (whatever its host), without the query, as the router reads it: a
 * '#' is part of the path (a client never sends a fragment, so "/ping#x" is no route).
 */
export function pathOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  if (start < 0) return '/';
  const q = url.indexOf('?', start);
  return url.slice(start, q < 0 ? url.length : q);
}
