/**
 * 405 instead of 404 for a resource that exists under other methods (RFC 9110 §15.5.6: the answer carries an
 * `Allow` header listing what the resource supports). Built from the app's own route table, so it never drifts
 * from what is registered.
 */
export interface RegisteredRoute {
  method: string;
  path: string;
}

/** Hono path syntax (`/v1/facilities/:facility_id`) as an anchored regular expression over one request path. */
function patternOf(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Returns the methods a request path supports (empty when no route matches it). Middleware entries (`ALL`) and
 * wildcard paths are not resources and are left out; HEAD comes with GET because Hono answers it from GET.
 */
export function allowedMethodsOf(routes: readonly RegisteredRoute[]): (requestPath: string) => string[] {
  const table = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  for (const r of routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const entry = table.get(r.path) ?? { pattern: patternOf(r.path), methods: new Set<string>() };
    entry.methods.add(r.method.toUpperCase());
    if (r.method.toUpperCase() === 'GET') entry.methods.add('HEAD');
    table.set(r.path, entry);
  }
  return (requestPath) => {
    const methods = new Set<string>();
    for (const { pattern, methods: m } of table.values()) if (pattern.test(requestPath)) for (const x of m) methods.add(x);
    return [...methods].sort();
  };
}
