import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../api-env.js';

/** /healthz: the process is up. /readyz: MongoDB, Redis and Temporal reachable; 503 names what is degraded. */
export function registerHealth(app: OpenAPIHono<ApiEnv>): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200));
  app.get('/readyz', async (c) => {
    const deps = await c.get('services').readiness();
    const degraded = Object.entries(deps).filter(([, s]) => !s.ok).map(([name]) => name);
    return c.json({ status: degraded.length ? 'degraded' : 'ready', degraded, dependencies: deps }, degraded.length ? 503 : 200);
  });
}
