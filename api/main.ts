/** API process: `npm run api`. */
import { parseEnv } from '../config/env.js';
import { serviceUrls } from '../config/service-urls.js';
import { loadTemporalConfig } from '../config/temporal-config.js';
import { serveApp } from '../http/serve-app.js';
import { newApp } from './app.js';
import { clientErrorBody } from './errors.js';
import { payloadCodecFrom } from '../codec/payload-keys.js';
import { jwtSettings } from './jwt-settings.js';
import { openApiServices } from './open-services.js';

async function main(): Promise<void> {
  const env = parseEnv();
  const urls = serviceUrls(env);
  const temporal = loadTemporalConfig(env.TEMPORAL_CONFIG, { address: urls.temporal, namespace: env.TEMPORAL_NAMESPACE });
  const opened = await openApiServices(env, urls, temporal, (m) => console.warn(`[api] ${m}`));
  const app = newApp({
    services: opened.services,
    jwt: jwtSettings(env),
    rateLimits: { viewer: env.RATE_LIMIT_VIEWER, assessor: env.RATE_LIMIT_ASSESSOR, admin: env.RATE_LIMIT_ADMIN },
    corsOrigins: env.CORS_ORIGINS,
    codec: { codec: payloadCodecFrom(env), uiOrigin: env.CODEC_CORS_ORIGIN, allowAnonymous: env.CODEC_ALLOW_ANONYMOUS && env.NODE_ENV !== 'production' },
    logError: (err, rid) => console.error(`[api] request ${rid} failed:`, err),
  });
  const server = await serveApp(app.fetch, { host: env.API_HOST, port: env.API_PORT, clientErrorBody });
  console.log(`[api] listening on ${server.url} (OpenAPI: ${server.url}/v1/openapi.json)`);
  const stop = async () => {
    await server.close();
    await opened.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error('[api] fatal:', err);
  process.exit(1);
});
