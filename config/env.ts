import { z } from 'zod';
import { formatZodIssues } from './format-zod-issues.js';
import { zLogLevel } from './log-level.js';
import { ConnectionString } from 'mongodb-connection-string-url';

const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = z.string().url().optional();
const optionalHttpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http:// or https:// URL')
  .optional();
/**
 * A MongoDB connection string as the driver reads it (its own parser): `mongodb://` with one host or a replica
 * set's seed list (`mongodb://h1:27017,h2:27017/?replicaSet=rs0`, which a WHATWG URL refuses), or `mongodb+srv://`.
 */
const optionalMongoUrl = z
  .string()
  .superRefine((u, ctx) => {
    try {
      if (new ConnectionString(u).hosts.some((h) => h === '')) throw new Error('an empty host in the host list');
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `not a MongoDB connection string: ${(err as Error).message}` });
    }
  })
  .optional();
/** A port, or 0 for "do not serve this". */
const portOrOff = z.coerce.number().int().min(0).max(65535);
/** A file path; empty (`VAR=` in an env file) means unset. Contents are checked at start (config/tls-files.ts). */
const optionalFile = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

/**
 * Every environment variable MasterBus reads, parsed once at start. Service URLs left unset mean "use the
 * project-local service started by devstack" (see docs/operations.md, "What runs where"); set them to point at real infrastructure.
 */
export const zEnv = z.object({
  /**
   * The one switch between production and the development defaults (a known JWT secret and payload key, plain
   * http and private webhook targets, the codec without a token, `token mint`): production unless set otherwise.
   * `npm start` sets development, the tests set test; each also picks its project-local ports (local-ports.ts).
   * NODE_ENV is not read.
   */
  MASTERBUS_PROFILE: z.enum(['production', 'development', 'test']).default('production'),

  MONGODB_URL: optionalMongoUrl,
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('masterbus'),
  REDIS_URL: optionalUrl,
  REDIS_KEY_PREFIX: z.string().default('mb:'),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().optional(),
  TEMPORAL_CONFIG: z.string().optional(),
  /** Pre-built workflow bundle (production images); unset = bundle workflows from source at worker start. */
  WORKFLOW_BUNDLE_PATH: z.string().optional(),
  /** AES-256-GCM keys for Temporal payloads: "id:base64key,…" (development key when unset outside production). */
  PAYLOAD_KEYS: z.string().optional(),
  PAYLOAD_KEY_ID: z.string().optional(),
  /** Development only: let the local Temporal UI use the codec endpoint without an admin token. */
  CODEC_ALLOW_ANONYMOUS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Origin of the Temporal UI that calls the codec endpoint (CORS). */
  CODEC_CORS_ORIGIN: z.string().default('http://127.0.0.1:8233'),

  CONDOIT_URL: optionalUrl,
  CONDOIT_TOKEN: z.string().optional(),
  CONDOIT_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  CONDOIT_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),

  // Ports of the project-local services (devstack); defaults per profile in config/local-ports.ts.
  TEMPORAL_PORT: port.optional(),
  TEMPORAL_UI_PORT: port.optional(),
  FERRETDB_PORT: port.optional(),
  REDIS_PORT: port.optional(),
  CONDOIT_SIM_PORT: port.optional(),

  LOG_LEVEL: zLogLevel.default('info'),
  /** Prometheus endpoints listen here (loopback by default: only a local scraper or sidecar reaches them). */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** The API's /metrics (its own listener, never the public API port); 0 = off. */
  API_METRICS_PORT: portOrOff.default(9464),
  /** The worker's own /metrics (assessments, Condoit); 0 = off. */
  WORKER_METRICS_PORT: portOrOff.default(9465),
  /** The Temporal SDK's built-in Prometheus exporter in the worker (Core metrics); 0 = off. */
  TEMPORAL_SDK_METRICS_PORT: portOrOff.default(9466),

  /**
   * OpenTelemetry tracing (off unless an endpoint is set): OTLP/HTTP collector base URL, e.g. http://otel-collector:4318
   * (spans go to <endpoint>/v1/traces), or the full traces URL in OTEL_EXPORTER_OTLP_TRACES_ENDPOINT.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalHttpUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalHttpUrl,
  /** service.name of the spans (default masterbus-api / masterbus-worker). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** true: no tracing even when an endpoint is set (the OpenTelemetry SDK's standard switch). */
  OTEL_SDK_DISABLED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** How long finished spans are batched before export (the SDK's standard variable; default 5000). */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(0).max(60_000).default(5_000),

  API_HOST: z.string().default('127.0.0.1'),
  /** On SIGTERM, how long in-flight HTTP requests (API) and activities (worker) may take to finish. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  API_PORT: port.default(8080),
  /** HTTPS for the API: certificate (leaf first, then its chain) and private key, PEM. Unset = plain HTTP. */
  API_TLS_CERT_FILE: optionalFile,
  API_TLS_KEY_FILE: optionalFile,
  /** Mutual TLS for the API: only clients presenting a certificate issued by this CA (PEM) may connect. */
  API_TLS_CLIENT_CA_FILE: optionalFile,

  /** TLS to Temporal: on when "true" or when any TEMPORAL_TLS_*_FILE is set; CA unset = the system's roots. */
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  TEMPORAL_TLS_CA_FILE: optionalFile,
  /** mTLS to Temporal: this client's certificate and key (PEM). */
  TEMPORAL_TLS_CERT_FILE: optionalFile,
  TEMPORAL_TLS_KEY_FILE: optionalFile,
  /** The name the Temporal server's certificate is checked against, when it differs from TEMPORAL_ADDRESS's host. */
  TEMPORAL_TLS_SERVER_NAME: z.preprocess((v) => (v === '' ? undefined : v), z.string().optional()),

  /** TLS to MongoDB (or tls=true / tlsCAFile / tlsCertificateKeyFile in MONGODB_URL): CA, client cert and key (PEM). */
  MONGODB_TLS_CA_FILE: optionalFile,
  MONGODB_TLS_CERT_FILE: optionalFile,
  MONGODB_TLS_KEY_FILE: optionalFile,

  /** Redis authentication (AUTH / ACL user); kept out of REDIS_URL so the URL can be logged. A password alone uses the default user. */
  REDIS_USERNAME: z.string().min(1).optional(),
  REDIS_PASSWORD: z.string().min(1).optional(),
  /**
   * Production requires TLS on every connection; this comma-separated list waives it per connection (api, temporal,
   * mongodb, redis) — e.g. `api` behind a TLS-terminating proxy, or backends on a private network you trust.
   */
  TLS_WAIVED: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['api', 'temporal', 'mongodb', 'redis']), { error: 'lists connections among api, temporal, mongodb, redis' })),
  /** TLS to Redis is switched on by a rediss:// REDIS_URL; these add a CA and a client cert and key (PEM). */
  REDIS_TLS_CA_FILE: optionalFile,
  REDIS_TLS_CERT_FILE: optionalFile,
  REDIS_TLS_KEY_FILE: optionalFile,

  /** HS256 (shared secret), RS256 / ES256 (one public key), or JWKS (a JSON Web Key Set file). */
  JWT_ALG: z.enum(['HS256', 'RS256', 'ES256', 'JWKS']).default('HS256'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 key)').optional(),
  JWT_PUBLIC_KEY_FILE: z.string().optional(),
  JWT_JWKS_FILE: z.string().optional(),
  JWT_LEEWAY_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** The longest token lifetime the API accepts (exp − iat); longer tokens are refused. */
  JWT_MAX_LIFETIME_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 86_400)
    .default(86_400),
  JWT_ISSUER: z.string().default('masterbus-dev'),
  JWT_AUDIENCE: z.string().default('masterbus-api'),

  RATE_LIMIT_VIEWER: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_ASSESSOR: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_ADMIN: z.coerce.number().int().positive().default(100),
  /** Comma-separated browser origins allowed by CORS, e.g. https://threatmap.example.com */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  /** Requests per minute per client address without a valid token (refused tokens, none, the OpenAPI document). */
  RATE_LIMIT_UNAUTHENTICATED: z.coerce.number().int().positive().default(60),
  /** Reverse proxies in front of the API that append the client's address to X-Forwarded-For (0: none, use the TCP peer). */
  API_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** /readyz answers within this long of a probe share its result (one check of each backend per interval). */
  READINESS_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().default(365),
  /** The audit buffer's bound in bytes; past 80 % of it new requests are refused with 503 until MongoDB takes entries again. */
  AUDIT_BUFFER_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .default(32 * 1024 * 1024),
  /** Where audit entries MongoDB would not take at shutdown are saved, to be replayed at the next start (a volume in containers). */
  AUDIT_SPILL_DIR: z.string().min(1).default('.data/audit-spill'),

  /** Webhooks: the bound on one delivery attempt's whole HTTP exchange (below deliverWebhook's startToCloseTimeout). */
  WEBHOOK_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /**
   * Production only: comma-separated private CIDR ranges webhook receivers may live in (consumers inside the VPC),
   * e.g. "10.20.0.0/16". Loopback, 0.0.0.0/8, link-local and metadata addresses are refused whatever it says.
   */
  WEBHOOK_PRIVATE_CIDRS: z.string().default(''),

  CACHE_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  /** Level-1 (in-process) cache per API replica: entries and how long one is trusted without an invalidation. */
  CACHE_L1_ENTRIES: z.coerce.number().int().min(0).default(2_000),
  CACHE_L1_TTL_MS: z.coerce.number().int().min(0).default(30_000),
});

export type Env = z.infer<typeof zEnv>;
export type Profile = Env['MASTERBUS_PROFILE'];

/** Production behaviour: every profile but an explicit development or test one. */
export const isProduction = (env: { MASTERBUS_PROFILE: Profile }): boolean => env.MASTERBUS_PROFILE === 'production';

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = zEnv.safeParse(source);
  if (!parsed.success) throw new EnvError(`invalid environment: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}
