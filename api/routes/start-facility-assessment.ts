import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { assessmentLinks, notFound, standardErrors, zFacilityIdParam } from '../openapi-schemas.js';
import { hasRole } from '../security/principal.js';
import { assessmentView } from './assessment-view.js';
import { zAssessmentView } from '../../contract/assessment-view.js';

export const startFacilityAssessmentRoute = createRoute({
  method: 'post',
  path: '/v1/facilities/{facility_id}/assessments',
  operationId: 'startFacilityAssessment',
  tags: ['Assessments'],
  summary: 'Start (or join) a facility risk assessment',
  description:
    'Starts a durable assessment workflow for the facility and answers 202 with the assessment and a Location to poll. ' +
    'While one runs for the facility, further requests join it and get the same assessment id. Role: assessor or admin.',
  security: [{ bearerAuth: [] }],
  request: {
    params: zFacilityIdParam,
    headers: z.object({
      'idempotency-key': z
        .string()
        .min(1)
        .max(200)
        .optional()
        .openapi({ description: 'Repeat a POST safely: the same key returns the same assessment.' }),
    }),
  },
  responses: {
    202: {
      description: 'Assessment accepted (started, or joined when one was already running).',
      headers: { Location: { schema: { type: 'string' }, description: 'Where to poll the assessment.' } },
      links: assessmentLinks,
      content: { 'application/json': { schema: zAssessmentView } },
    },
    ...standardErrors,
    404: notFound('The facility is not visible to the caller.'),
  },
});

export function registerStartFacilityAssessment(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(startFacilityAssessmentRoute, async (c) => {
    const { facility_id } = c.req.valid('param');
    const principal = c.get('principal');
    if (!(await c.get('services').results.facilityVisible(principal, facility_id))) {
      throw new ApiError('RESOURCE_NOT_FOUND', `Facility ${facility_id} not found`);
    }
    if (!hasRole(principal, 'assessor')) {
      throw new ApiError('FORBIDDEN', 'Starting assessments needs the assessor or admin role', `your role is ${principal.role}`);
    }
    const started = await c
      .get('services')
      .assessments.startIdempotent(facility_id, principal.subject, 'api', c.req.valid('header')['idempotency-key']);
    const view = assessmentView(started.record);
    c.header('Location', view.links.self);
    if (started.joined) c.header('X-Assessment-Joined', 'true');
    return c.json(view, 202);
  });
}
