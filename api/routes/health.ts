import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../api-env.js';

/** /healthz: the process is up. /readyz: MongoDB, Redis and Temporal reachable; 503 names what is degraded (the error text only in the log). */
export function registerHealth(app: OpenAPIHono<ApiEnv>): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200));
  app.get('/readyz', async (c) => {
    const deps = await c.get('services').readiness();
    const degraded = Object.entries(deps)
      .filter(([, s]) => !s.ok)
      .map(([name]) => name);
    // Unauthenticated: what failed goes to the log (it names internal hosts and ports), never into the answer.
    const dependencies: Record<string, { ok: boolean; latency_ms: number }> = {};
    for (const [name, s] of Object.entries(deps)) {
      dependencies[name] = { ok: s.ok, latency_ms: s.latency_ms };
      if (!s.ok) c.get('log')?.warn({ dependency: name, error: s.error }, 'readiness: dependency degraded');
    }
    return c.json({ status: degraded.length ? 'degraded' : 'ready', degraded, dependencies }, degraded.length ? 503 : 200);
  });
}
