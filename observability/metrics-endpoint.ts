import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { serveApp, type RunningServer } from '../http/serve-app.js';

/**
 * GET /metrics for Prometheus, on its own port: never on the public API listener (no auth there, nothing for
 * consumers to see), bound to METRICS_HOST (loopback by default) for the scraper alone.
 */
export function metricsApp(registry: Registry, health?: () => Health): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => c.body(await registry.metrics(), 200, { 'content-type': registry.contentType }));
  // A process without a public listener (the worker) answers its liveness probe here: 200 while it does its job.
  if (health)
    app.get('/healthz', (c) => {
      const h = health();
      return c.json({ status: h.ok ? 'ok' : 'unavailable', state: h.state }, h.ok ? 200 : 503);
    });
  return app;
}

/** What a liveness probe learns: whether the process does its job, and the state it is in (e.g. the worker's). */
export interface Health {
  ok: boolean;
  state: string;
}

export function serveMetrics(registry: Registry, at: { host: string; port: number }, health?: () => Health): Promise<RunningServer> {
  return serveApp(metricsApp(registry, health).fetch, at);
}
