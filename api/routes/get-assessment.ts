import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { notFound, standardErrors, zAssessmentIdParam } from '../openapi-schemas.js';
import { assessmentView } from './assessment-view.js';
import { zAssessmentView } from '../../contract/assessment-view.js';
import { portfolioRunView } from './portfolio-run-view.js';
import { zPortfolioRunView } from '../../contract/portfolio-run-view.js';
import { isGlobalAdmin } from '../security/principal.js';

export const getAssessmentRoute = createRoute({
  method: 'get',
  path: '/v1/assessments/{assessment_id}',
  operationId: 'getAssessment',
  tags: ['Assessments'],
  summary: 'Poll an assessment: status, progress, timings, result links',
  security: [{ bearerAuth: [] }],
  request: {
    params: zAssessmentIdParam,
  },
  responses: {
    200: {
      description: 'The assessment: a facility assessment, or a portfolio run (ids starting prt_).',
      content: { 'application/json': { schema: z.union([zAssessmentView, zPortfolioRunView]) } },
    },
    ...standardErrors,
    404: notFound('No such assessment visible to the caller.'),
  },
});

export function registerGetAssessment(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getAssessmentRoute, async (c) => {
    const { assessment_id } = c.req.valid('param');
    const services = c.get('services');
    if (assessment_id.startsWith('prt_')) {
      // Portfolio runs span every facility: global admins see them whole, a facility-scoped admin only as far as
      // its facilities go; to anyone else they do not exist.
      const p = c.get('principal');
      const run = p.role === 'admin' ? await services.portfolio.get(assessment_id) : null;
      if (!run) throw new ApiError('ASSESSMENT_NOT_FOUND', `Assessment ${assessment_id} not found`);
      if (isGlobalAdmin(p)) return c.json(portfolioRunView(run), 200);
      const visible = await services.results.visibleFacilityIds(p);
      const facilityIds = new Set(visible === 'all' ? [] : visible);
      const assessed = await services.assessments.completedInRun(assessment_id, [...facilityIds]);
      return c.json(portfolioRunView(run, { facilityIds, assessed }), 200);
    }
    const record = await services.assessments.get(assessment_id);
    // An assessment of a facility outside the caller's policy is reported exactly like a missing one.
    if (!record || !(await services.results.facilityVisible(c.get('principal'), record.facility_id))) {
      throw new ApiError('ASSESSMENT_NOT_FOUND', `Assessment ${assessment_id} not found`);
    }
    c.set('auditFacilityId', record.facility_id);
    return c.json(assessmentView(record), 200);
  });
}
