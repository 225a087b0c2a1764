import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { terminalStatuses } from '../../contract/assessment-states.js';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { notFound as notFoundDoc, standardErrors, zAssessmentIdParam } from '../openapi-schemas.js';
import { hasRole, isGlobalAdmin } from '../security/principal.js';
import { assessmentView } from './assessment-view.js';
import { zAssessmentView } from '../../contract/assessment-view.js';
import { portfolioRunView } from './portfolio-run-view.js';
import { zPortfolioRunView } from '../../contract/portfolio-run-view.js';

export const cancelAssessmentRoute = createRoute({
  method: 'post',
  path: '/v1/assessments/{assessment_id}/cancel',
  operationId: 'cancelAssessment',
  tags: ['Assessments'],
  summary: 'Cancel a queued or running assessment',
  description:
    'Asks the workflow to cancel; poll the assessment until it reads `cancelled`. The last good result stays. Role: assessor or admin.',
  security: [{ bearerAuth: [] }],
  request: { params: zAssessmentIdParam },
  responses: {
    202: {
      description: 'Cancellation requested.',
      content: { 'application/json': { schema: z.union([zAssessmentView, zPortfolioRunView]) } },
    },
    ...standardErrors,
    404: notFoundDoc('No such assessment visible to the caller.'),
    409: notFoundDoc('The assessment has already finished (CONFLICT).'),
  },
});

export function registerCancelAssessment(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(cancelAssessmentRoute, async (c) => {
    const { assessment_id } = c.req.valid('param');
    const services = c.get('services');
    const principal = c.get('principal');
    if (assessment_id.startsWith('prt_')) {
      const run = isGlobalAdmin(principal) ? await services.portfolio.get(assessment_id) : null;
      if (!run) throw new ApiError('ASSESSMENT_NOT_FOUND', `Assessment ${assessment_id} not found`);
      if (terminalStatuses.includes(run.record.status))
        throw new ApiError('CONFLICT', `Portfolio run ${assessment_id} has already finished (${run.record.status})`);
      await services.portfolio.cancel(run.record);
      return c.json(portfolioRunView(run), 202);
    }
    const record = await services.assessments.get(assessment_id);
    if (!record || !(await services.results.facilityVisible(principal, record.facility_id)))
      throw new ApiError('ASSESSMENT_NOT_FOUND', `Assessment ${assessment_id} not found`);
    c.set('auditFacilityId', record.facility_id);
    if (!hasRole(principal, 'assessor'))
      throw new ApiError('FORBIDDEN', 'Cancelling assessments needs the assessor or admin role', `your role is ${principal.role}`);
    if (terminalStatuses.includes(record.status))
      throw new ApiError(
        'CONFLICT',
        `Assessment ${assessment_id} has already ${record.status === 'completed' ? 'completed' : record.status === 'failed' ? 'failed' : 'been cancelled'}`,
      );
    await services.assessments.cancel(record);
    return c.json(assessmentView(record), 202);
  });
}
