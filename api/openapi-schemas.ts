import { z } from '@hono/zod-openapi';
import { errorStatus } from './errors.js';

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

const json = (description: string) => ({ description, content: { 'application/json': { schema: zErrorBody } } });

/** The error responses every authenticated route documents. */
export const standardErrors = {
  400: json('The request is invalid (path, query or body); `details` names the fields.'),
  401: json('Missing, malformed, expired or otherwise invalid bearer token.'),
  403: json('The token is valid but its role may not do this.'),
  500: json('Unexpected server error (logged with the request id).'),
  503: json('A backing service (MongoDB, Redis or Temporal) is unavailable; retry later.'),
} as const;

export const notFound = (what: string) => json(what);

export const zFacilityIdParam = z.object({
  facility_id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, 'facility ids are letters, digits, ".", "_", ":" and "-"')
    .openapi({ param: { name: 'facility_id', in: 'path' }, example: 'fac-00001' }),
});
