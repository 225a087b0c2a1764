import type { JwtVariables } from 'hono/jwt';
import type { RequestIdVariables } from 'hono/request-id';
import type { Logger } from '../observability/logger.js';
import type { Principal } from './security/principal.js';
import type { ApiServices } from './services/api-services.js';

/** Hono's typed context for every route: request id, its logger, the authenticated principal, injected services. */
export interface ApiEnv {
  Variables: RequestIdVariables & JwtVariables & { principal: Principal; services: ApiServices; log: Logger };
}
