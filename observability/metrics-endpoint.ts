import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { serveApp, type RunningServer } from '../http/serve-app.js';

/**
 * GET /metrics for Prometheus, on its own port: never on the public API listener (no auth there, nothing for
 * consumers to see), bound to METRICS_HOST (loopback by default) for the scraper alone.
 */
export function metricsApp(registry: Registry): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => c.body(await registry.metrics(), 200, { 'content-type': registry.contentType }));
  return app;
}

export function serveMetrics(registry: Registry, at: { host: string; port: number }): Promise<RunningServer> {
  return serveApp(metricsApp(registry).fetch, at);
}
