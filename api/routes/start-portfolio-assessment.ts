import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { assessmentLinks, bodyErrors, standardErrors } from '../openapi-schemas.js';
import { globalAdminRefusal, isGlobalAdmin } from '../security/principal.js';
import { portfolioRunView } from './portfolio-run-view.js';
import { zPortfolioRunView } from '../../contract/portfolio-run-view.js';

export const startPortfolioAssessmentRoute = createRoute({
  method: 'post',
  path: '/v1/portfolio/assessments',
  operationId: 'startPortfolioAssessment',
  tags: ['Portfolio'],
  summary: 'Start a full-portfolio reassessment (admin)',
  description:
    'Reassesses every facility whose Condoit data changed since its last assessment, or all of them with `force: true`. Poll the returned Location.',
  security: [{ bearerAuth: [] }],
  request: {
    headers: z.object({
      'idempotency-key': z
        .string()
        .min(1)
        .max(200)
        .optional()
        .openapi({ description: 'Repeat the POST safely: the same key returns the same run.' }),
    }),
    body: { required: false, content: { 'application/json': { schema: z.object({ force: z.boolean().default(false) }).strict() } } },
  },
  responses: {
    202: {
      description: 'The portfolio run was started.',
      headers: { Location: { schema: { type: 'string' } } },
      links: assessmentLinks,
      content: { 'application/json': { schema: zPortfolioRunView } },
    },
    ...standardErrors,
    ...bodyErrors,
  },
});

export function registerStartPortfolioAssessment(app: OpenAPIHono<ApiEnv>): void {
  // The role is checked before request validation: a viewer learns nothing from a 400.
  app.on('POST', '/v1/portfolio/assessments', async (c, next) => {
    const p = c.get('principal');
    if (!isGlobalAdmin(p))
      throw new ApiError('FORBIDDEN', 'Portfolio reassessments need the admin role with access to every facility', globalAdminRefusal(p));
    await next();
  });
  app.openapi(startPortfolioAssessmentRoute, async (c) => {
    const principal = c.get('principal');
    if (!isGlobalAdmin(principal))
      throw new ApiError(
        'FORBIDDEN',
        'Portfolio reassessments need the admin role with access to every facility',
        globalAdminRefusal(principal),
      );
    const body = (c.req.header('content-length') ?? '0') === '0' ? { force: false } : c.req.valid('json');
    const record = await c
      .get('services')
      .portfolio.startIdempotent(principal.subject, body?.force ?? false, c.req.valid('header')['idempotency-key']);
    const view = portfolioRunView({ record, progress: null });
    c.header('Location', view.links.self);
    return c.json(view, 202);
  });
}
