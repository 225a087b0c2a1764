import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { zAssessmentStatus } from '../../contract/assessment-states.js';
import type { ApiEnv } from '../api-env.js';
import { standardErrors, zPageOf } from '../openapi-schemas.js';
import { assessmentView } from './assessment-view.js';
import { zAssessmentView } from '../../contract/assessment-view.js';

export const listAssessmentsRoute = createRoute({
  method: 'get',
  path: '/v1/assessments',
  operationId: 'listAssessments',
  tags: ['Assessments'],
  summary: 'Assessments of facilities the caller may see, newest first',
  description: 'Statuses are as recorded; GET /v1/assessments/{id} also reconciles an in-flight record with Temporal.',
  security: [{ bearerAuth: [] }],
  request: {
    query: z.object({
      facility_id: z
        .string()
        .min(1)
        .max(128)
        .regex(/^[A-Za-z0-9._:-]+$/)
        .optional(),
      status: zAssessmentStatus.optional(),
      page: z.coerce.number().int().min(1).max(100_000).default(1),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: {
      description: 'A page of assessments.',
      content: {
        'application/json': {
          schema: zPageOf('assessments', zAssessmentView),
        },
      },
    },
    ...standardErrors,
  },
});

export function registerListAssessments(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listAssessmentsRoute, async (c) => {
    const q = c.req.valid('query');
    const services = c.get('services');
    const facilityIds = await services.results.visibleFacilityIds(c.get('principal'));
    const { total, items } = await services.assessments.list({
      facilityIds,
      facilityId: q.facility_id,
      status: q.status,
      page: q.page,
      limit: q.limit,
    });
    c.header('Cache-Control', 'private, no-store');
    const assessments = items.map(assessmentView);
    c.set(
      'auditReturnedIds',
      assessments.map((a) => a.assessment_id),
    );
    return c.json({ total, page: q.page, limit: q.limit, assessments }, 200);
  });
}
