import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';

/** Our query parameters are plain snake_case names; brackets and `$` only ever come from operator injection. */
const PARAMETER_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Rejects operator-shaped query parameter names (`id[$ne]=x`, `$where=…`) with a 400 naming them. Routes would
 * ignore unknown names anyway, but a silent 200 to an injection attempt reads as "it worked" to a scanner and
 * hides the attempt from whoever reads the audit log.
 */
export function rejectOperatorQueryNames(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    // Most reads have no query string at all: nothing to parse (c.req.queries() decodes the whole URL).
    if (!c.req.url.includes('?')) return next();
    const bad = Object.keys(c.req.queries()).filter((name) => !PARAMETER_NAME.test(name));
    if (bad.length > 0) {
      throw new ApiError(
        'VALIDATION_ERROR',
        'The request is invalid',
        `query parameter names must be letters, digits, "_" or "-": ${bad.map((n) => JSON.stringify(n.slice(0, 64))).join(', ')}`,
      );
    }
    await next();
  };
}
