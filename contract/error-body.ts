/**
 * The contract's one error shape, { "error": { "code", "message", "details", "request_id" } }, and its closed set
 * of codes with their HTTP statuses: shared by the API (api/errors.ts) and its clients (cli/).
 */
import { z } from '@hono/zod-openapi';

export const errorStatus = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RESOURCE_NOT_FOUND: 404,
  ASSESSMENT_NOT_FOUND: 404,
  NO_ASSESSMENT_YET: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  UPSTREAM_ERROR: 502,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const zErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [keyof typeof errorStatus, ...(keyof typeof errorStatus)[]]),
      message: z.string(),
      details: z.string().nullable(),
      request_id: z.string(),
    }),
  })
  .openapi('Error');
