/** API process: `npm run api`. */
import { assertLoopbackOutsideProduction } from '../config/development-listeners.js';
import { parseEnv } from '../config/env.js';
import { redisAuthFrom } from '../config/redis-auth.js';
import { serviceUrls } from '../config/service-urls.js';
import { describeTransportSecurity, loadTransportSecurity } from '../config/transport-security.js';
import { loadTemporalConfig } from '../config/temporal-config.js';
import { serveApp } from '../http/serve-app.js';
import { createApiMetrics } from '../observability/api-metrics.js';
import { createLogger } from '../observability/logger.js';
import { serveMetrics } from '../observability/metrics-endpoint.js';
import { startTracing, tracingSettings } from '../observability/tracing.js';
import { newApp } from './app.js';
import { clientErrorBody } from './errors.js';
import { payloadCodecFrom } from '../codec/payload-keys.js';
import { jwtSettings } from './jwt-settings.js';
import { openApiServices } from './open-services.js';

const env = parseEnv();
const logger = createLogger({ service: 'api', level: env.LOG_LEVEL });

async function main(): Promise<void> {
  // Secrets and listeners first: a refused secret, key or listener stops the process before it connects to anything.
  assertLoopbackOutsideProduction(env, ['API_HOST', 'METRICS_HOST']);
  const jwt = jwtSettings(env);
  const codec = payloadCodecFrom(env);
  redisAuthFrom(env);
  const urls = serviceUrls(env);
  const temporal = loadTemporalConfig(env.TEMPORAL_CONFIG, { address: urls.temporal, namespace: env.TEMPORAL_NAMESPACE });
  const concerns = ['api', 'temporal', 'mongodb', 'redis'] as const;
  const tls = loadTransportSecurity(env, concerns);
  logger.info({ tls: describeTransportSecurity(tls, concerns, env) }, 'encryption in transit');
  const metrics = createApiMetrics();
  const tracing = await startTracing(tracingSettings(env, 'masterbus-api'), logger);
  const opened = await openApiServices(env, urls, temporal, (m) => logger.warn(m), {
    metrics,
    tls,
    ...(tracing ? { workflowInterceptors: tracing.workflowClientInterceptors } : {}),
  });
  const app = newApp({
    services: opened.services,
    jwt,
    rateLimits: { viewer: env.RATE_LIMIT_VIEWER, assessor: env.RATE_LIMIT_ASSESSOR, admin: env.RATE_LIMIT_ADMIN },
    unauthenticatedPerMinute: env.RATE_LIMIT_UNAUTHENTICATED,
    trustedProxyHops: env.API_TRUSTED_PROXY_HOPS,
    corsOrigins: env.CORS_ORIGINS,
    codec: {
      codec,
      uiOrigin: env.CODEC_CORS_ORIGIN,
      allowAnonymous: env.CODEC_ALLOW_ANONYMOUS && env.MASTERBUS_PROFILE === 'development',
      allowPlaintext: env.MASTERBUS_PROFILE !== 'production',
    },
    logger,
    metrics,
    ...(tracing ? { tracer: tracing.tracer } : {}),
  });
  const server = await serveApp(app.fetch, { host: env.API_HOST, port: env.API_PORT, clientErrorBody, tls: tls.api?.serverOptions });
  const metricsServer = env.API_METRICS_PORT
    ? await serveMetrics(metrics.registry, { host: env.METRICS_HOST, port: env.API_METRICS_PORT })
    : null;
  logger.info(
    {
      url: server.url,
      openapi: `${server.url}/v1/openapi.json`,
      metrics: metricsServer ? `${metricsServer.url}/metrics` : null,
      tracing: tracing ? tracing.settings.tracesUrl : 'off',
    },
    `listening on ${server.url}`,
  );
  // SIGTERM: stop accepting, let in-flight requests finish within the grace time, then close the services.
  const stop = async () => {
    logger.info({ graceMs: env.SHUTDOWN_GRACE_MS }, 'shutting down');
    await server.close(env.SHUTDOWN_GRACE_MS);
    await metricsServer?.close();
    await opened.close();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'API failed to start');
  process.exit(1);
});
