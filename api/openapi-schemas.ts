import { z } from '@hono/zod-openapi';
import { zErrorBody } from '../contract/error-body.js';

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

/** OpenAPI links from a 202 (an accepted assessment) to polling and cancelling it, by the id in its body. */
export const assessmentLinks = {
  GetAssessment: {
    operationId: 'getAssessment',
    parameters: { assessment_id: '$response.body#/assessment_id' },
    description: 'Poll the accepted assessment.',
  },
  CancelAssessment: {
    operationId: 'cancelAssessment',
    parameters: { assessment_id: '$response.body#/assessment_id' },
    description: 'Cancel the accepted assessment.',
  },
} as const;

/** The extra error responses of routes that take a JSON body. */
export const bodyErrors = {
  413: json('The request body is larger than 64 KiB (PAYLOAD_TOO_LARGE).'),
  415: json('The body is not `application/json` (UNSUPPORTED_MEDIA_TYPE).'),
} as const;

/**
 * Free-text search: any text but the characters of query operators and markup (`$ { } [ ] \\ < >`) and control
 * characters, which no facility or equipment name needs and which only show up in injection attempts.
 */
export const zSearchText = (what: string) =>
  // Not trimmed here: every string the pattern admits is a valid search (surrounding blanks are dropped by the query).
  z
    .string()
    .min(1)
    .max(100)
    .regex(/^[^${}\[\]\\<>\u0000-\u001f\u007f]+$/, 'search may not contain $ { } [ ] \\ < > or control characters')
    .optional()
    .openapi({ description: `Case-insensitive substring of ${what}. Operator and markup characters (\`$ { } [ ] \\ < >\`) are refused.` });

/** Assessment ids are `asm_` / `prt_` and a Temporal run id; anything else cannot name one. */
export const zAssessmentIdParam = z.object({
  assessment_id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._:-]+$/, 'assessment ids are letters, digits, ".", "_", ":" and "-"')
    .openapi({ param: { name: 'assessment_id', in: 'path' }, example: 'asm_0192f6d4-0000-7000-8000-000000000000' }),
});

export const zFacilityIdParam = z.object({
  facility_id: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, 'facility ids are letters, digits, ".", "_", ":" and "-"')
    .openapi({ param: { name: 'facility_id', in: 'path' }, example: 'fac-00001' }),
});

/** A page of a list route: the total, the page number and size, and the page's items under their own name. */
export function zPageOf<K extends string, T extends z.ZodType>(key: K, item: T) {
  return z.object({
    total: z.number().int(),
    page: z.number().int(),
    limit: z.number().int(),
    ...({ [key]: z.array(item) } as { [P in K]: z.ZodArray<T> }),
  });
}
