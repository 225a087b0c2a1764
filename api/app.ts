/**
 * newApp(): the one place that owns the API's middleware order, validation hook, error shape, security scheme
 * and OpenAPI document. main.ts and tests both build the app through it.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { routePath } from 'hono/route';
import { audit } from './audit/audit-middleware.js';
import type { PayloadCodec } from '@temporalio/common';
import { registerCodec } from './routes/codec.js';
import { rateLimit } from './security/rate-limit-middleware.js';
import { unauthenticatedLimit } from './security/unauthenticated-limit.js';
import { rejectOperatorQueryNames } from './security/query-guard.js';
import type { Role } from '../contract/claims.js';
import type { ApiEnv } from './api-env.js';
import { ApiError, errorBody } from './errors.js';
import { errorStatus, type ErrorCode } from '../contract/error-body.js';
import { allowedMethodsOf } from './method-not-allowed.js';
import { registerCancelAssessment } from './routes/cancel-assessment.js';
import { registerGetAssessment } from './routes/get-assessment.js';
import { getEquipmentRoute, registerGetEquipment } from './routes/get-equipment.js';
import { getFacilityRoute, registerGetFacility } from './routes/get-facility.js';
import { getFacilityComplianceRoute, registerGetFacilityCompliance } from './routes/get-facility-compliance.js';
import { getFacilityRisksRoute, registerGetFacilityRisks } from './routes/get-facility-risks.js';
import { registerGetPhoto } from './routes/get-photo.js';
import { registerGetPortfolioSummary } from './routes/get-portfolio-summary.js';
import { registerHealth } from './routes/health.js';
import { registerDocsPage } from './routes/docs-page.js';
import { registerListAssessments } from './routes/list-assessments.js';
import { registerListFacilities } from './routes/list-facilities.js';
import { registerListFacilityEquipment } from './routes/list-facility-equipment.js';
import { registerStartFacilityAssessment } from './routes/start-facility-assessment.js';
import { registerStartPortfolioAssessment } from './routes/start-portfolio-assessment.js';
import { registerPortfolioSchedule } from './routes/portfolio-schedule.js';
import { registerWebhookSubscriptions } from './routes/webhook-subscriptions.js';
import { registerWebhookDeliveries } from './routes/webhook-deliveries.js';
import { registerWhatIf } from './routes/what-if.js';
import { authenticate, type JwtSettings } from './security/authenticate.js';
import type { ApiServices } from './services/api-services.js';
import { createLogger, type Logger } from '../observability/logger.js';
import type { ApiMetrics } from '../observability/api-metrics.js';
import { requestBasics } from './request-basics.js';
import type { Tracer } from '@opentelemetry/api';
import { traceRequests } from './trace-requests.js';

export interface AppOptions {
  services: ApiServices;
  jwt: JwtSettings;
  /** Requests per minute per client, by role. */
  rateLimits?: Record<Role, number>;
  /** Requests per minute per client address without a valid token (default 60): more are 429. */
  unauthenticatedPerMinute?: number;
  /** Reverse proxies in front of the API appending to X-Forwarded-For (default 0: the TCP peer is the client). */
  trustedProxyHops?: number;
  /** The Temporal UI's remote codec endpoint (/codec/*), when this API serves it. */
  codec?: { codec: PayloadCodec; uiOrigin: string; allowAnonymous: boolean; allowPlaintext?: boolean };
  /** Browser origins allowed by CORS (none: no CORS headers, so browsers on other origins are refused). */
  corsOrigins?: string[];
  /** Where unexpected (5xx) errors are reported (default: the logger); 4xx are the caller's business, not errors. */
  logError?: (err: unknown, requestId: string) => void;
  /** Request log lines (JSON, with the request id); silent when absent. */
  logger?: Logger;
  /** Prometheus metrics (served on their own port by main.ts, not by this app). */
  metrics?: ApiMetrics;
  /** OpenTelemetry: a server span per request when tracing is on (observability/tracing.ts); absent: no middleware. */
  tracer?: Tracer;
}

/** Routes that compute their ETag and answer If-None-Match themselves (api/respond-cached.ts), as Hono templates. */
const OWN_ETAG_ROUTES = new Set(
  [getFacilityRoute, getFacilityRisksRoute, getFacilityComplianceRoute, getEquipmentRoute].map((r) => r.path.replace(/\{(\w+)\}/g, ':$1')),
);

const statusForHttpException: Record<number, ErrorCode> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

export function newApp(options: AppOptions): OpenAPIHono<ApiEnv> {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ');
        return c.json(errorBody('VALIDATION_ERROR', 'The request is invalid', details, c.get('requestId')), 400);
      }
      return undefined;
    },
  });

  const logger = options.logger ?? createLogger({ service: 'api', level: 'silent' });
  const logError = options.logError ?? ((err: unknown, rid: string) => logger.error({ err, requestId: rid }, 'request failed'));
  // The order is the middleware order: every request passes these steps in turn.
  useRequestBasics(app, options, logger);
  useAudit(app, options);
  useEtagsAndBodyLimits(app);
  const access = useAuthentication(app, options);
  app.use('/v1/*', rejectOperatorQueryNames());
  registerRoutes(app, options, access);
  serveOpenApiDocument(app);
  answerErrors(app, logError);
  return app;
}

/** Request id, services, response headers, the request log and metrics (api/request-basics.ts); tracing; CORS. */
function useRequestBasics(app: OpenAPIHono<ApiEnv>, options: AppOptions, logger: Logger): void {
  app.use('*', requestBasics(options.services, logger, options.metrics));
  if (options.tracer) app.use('*', traceRequests(options.tracer));
  if (options.corsOrigins?.length) {
    app.use(
      '/v1/*',
      cors({
        origin: options.corsOrigins,
        allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match'],
        exposeHeaders: [
          'ETag',
          'Location',
          'X-Request-Id',
          'X-RateLimit-Limit',
          'X-RateLimit-Remaining',
          'X-RateLimit-Reset',
          'Retry-After',
        ],
        maxAge: 600,
      }),
    );
  }
}

/** The audit log of every authenticated /v1 and /codec request (api/audit/). */
function useAudit(app: OpenAPIHono<ApiEnv>, options: AppOptions): void {
  const audited = audit({
    onRefused: () => options.metrics?.auditRefusals.inc(),
    onUnauthenticated: (status) => options.metrics?.unauthenticatedRequests.inc({ status: String(status) }),
  });
  app.use('/v1/*', audited);
  app.use('/codec/*', audited);
}

function useEtagsAndBodyLimits(app: OpenAPIHono<ApiEnv>): void {
  // Every JSON read gets an ETag (and 304 on If-None-Match). Cached resources bring their own (and answer 304
  // themselves): hono/etag would only read their headers back. Photos stream.
  const etags = etag();
  app.use('/v1/*', async (c, next) =>
    c.req.method === 'GET' && !OWN_ETAG_ROUTES.has(routePath(c, -1)) && !c.req.path.startsWith('/v1/photos/') ? etags(c, next) : next(),
  );
  const v1BodyLimit = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new ApiError('PAYLOAD_TOO_LARGE', 'The request body is larger than 64 KiB');
    },
  });
  // A GET or HEAD never has a body here (@hono/node-server does not read one), and asking for it would build a
  // whole WHATWG Request per read: skip the check for them.
  app.use('/v1/*', (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : v1BodyLimit(c, next)));
}

/** Authentication and both rate-limit budgets; returns what the codec routes reuse. */
function useAuthentication(app: OpenAPIHono<ApiEnv>, options: AppOptions) {
  const auth = authenticate(options.jwt);
  const limit = rateLimit(options.rateLimits ?? { viewer: 100, assessor: 100, admin: 100 }, (role, store) =>
    options.metrics?.rateLimitRejections.inc({ role, store }),
  );
  const countUnauthenticated = unauthenticatedLimit({
    perMinute: options.unauthenticatedPerMinute ?? 60,
    trustedProxyHops: options.trustedProxyHops ?? 0,
  });
  // Authenticated: the principal's own budget. Not (a refused or missing token, the public document): the client
  // address's budget, spent before anything else is done for the request.
  const authenticateAndLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
    let authenticated = false;
    try {
      await auth(c, async () => {
        authenticated = true;
        await limit(c, next);
      });
    } catch (err) {
      if (!authenticated) await countUnauthenticated(c);
      throw err;
    }
  };
  app.use('/v1/*', async (c, next) => {
    if (c.req.path !== '/v1/openapi.json') return authenticateAndLimit(c, next);
    await countUnauthenticated(c);
    return next();
  });

  return { authenticateAndLimit, countUnauthenticated };
}

function registerRoutes(app: OpenAPIHono<ApiEnv>, options: AppOptions, access: ReturnType<typeof useAuthentication>): void {
  registerHealth(app);
  // The UI decodes whole histories in one request, so the codec gets more room than /v1, but never unbounded.
  app.use(
    '/codec/*',
    bodyLimit({
      maxSize: 4 * 1024 * 1024,
      onError: () => {
        throw new ApiError('PAYLOAD_TOO_LARGE', 'The request body is larger than 4 MiB');
      },
    }),
  );
  if (options.codec)
    registerCodec(app, { ...options.codec, authenticate: access.authenticateAndLimit, countUnauthenticated: access.countUnauthenticated });
  registerDocsPage(app);
  registerListFacilities(app);
  registerGetFacility(app);
  registerListFacilityEquipment(app);
  registerGetEquipment(app);
  registerGetFacilityCompliance(app);
  registerGetFacilityRisks(app);
  registerWhatIf(app);
  registerGetPortfolioSummary(app);
  registerGetPhoto(app);
  registerStartFacilityAssessment(app);
  registerStartPortfolioAssessment(app);
  registerPortfolioSchedule(app);
  registerListAssessments(app);
  registerGetAssessment(app);
  registerCancelAssessment(app);
  registerWebhookSubscriptions(app);
  registerWebhookDeliveries(app);
}

/** GET /v1/openapi.json, built once, on the first request (every route is registered by then). */
function serveOpenApiDocument(app: OpenAPIHono<ApiEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'HS256 JWT with iss, aud, exp, sub, role (viewer | assessor | admin) and facilities (ids or "*").',
  });
  let openApiJson: string | null = null;
  app.get('/v1/openapi.json', (c) => {
    openApiJson ??= JSON.stringify(
      app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'MasterBus API',
          version: '1.0.0',
          description: 'Risk and NFPA 70B / 70E compliance assessments of electrical infrastructure, for ThreatMap and other consumers.',
        },
        servers: [{ url: '/' }],
      }),
    );
    return c.body(openApiJson, 200, { 'Content-Type': 'application/json' });
  });
}

/** 404 / 405 with Allow for unknown routes and methods, and the one error shape for every thrown error. */
function answerErrors(app: OpenAPIHono<ApiEnv>, logError: (err: unknown, requestId: string) => void): void {
  let allowedMethods: ((path: string) => string[]) | undefined;
  app.notFound((c) => {
    const rid = c.get('requestId') ?? 'unknown';
    // Every route is registered by now: the table is built once, on the first miss.
    allowedMethods ??= allowedMethodsOf(app.routes);
    const allow = allowedMethods(c.req.path);
    if (allow.length > 0) {
      c.header('Allow', allow.join(', '));
      return c.json(
        errorBody('METHOD_NOT_ALLOWED', `${c.req.method} is not supported on ${c.req.path}`, `Allowed: ${allow.join(', ')}`, rid),
        405,
      );
    }
    return c.json(errorBody('ROUTE_NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`, null, rid), 404);
  });
  app.onError((err, c) => {
    const rid = c.get('requestId') ?? 'unknown';
    if (err instanceof ApiError) {
      if (err.status >= 500) logError(err.cause ?? err, rid);
      if (err.code === 'UNAUTHORIZED') c.header('WWW-Authenticate', 'Bearer realm="masterbus"');
      return c.json(errorBody(err.code, err.message, err.details, rid), err.status);
    }
    if (err instanceof HTTPException) {
      // A client error the table does not name is still the client's: 400, never a 500.
      const code = statusForHttpException[err.status] ?? (err.status < 500 ? 'VALIDATION_ERROR' : 'INTERNAL_ERROR');
      if (errorStatus[code] >= 500) logError(err, rid);
      return c.json(errorBody(code, err.message || 'Request failed', null, rid), errorStatus[code]);
    }
    logError(err, rid);
    return c.json(errorBody('INTERNAL_ERROR', 'Unexpected server error', `Quote request id ${rid} when reporting this`, rid), 500);
  });
}
