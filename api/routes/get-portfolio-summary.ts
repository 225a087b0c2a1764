import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { zPortfolioSummary } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { standardErrors } from '../openapi-schemas.js';

export const getPortfolioSummaryRoute = createRoute({
  method: 'get',
  path: '/v1/portfolio/summary',
  operationId: 'getPortfolioSummary',
  tags: ['Portfolio'],
  summary: 'Risk and compliance across every assessed facility the caller may see',
  description: 'Compliance percentages are equipment-weighted; trends merge the facilities’ monthly history.',
  security: [{ bearerAuth: [] }],
  responses: {
    200: { description: 'The portfolio summary.', content: { 'application/json': { schema: zPortfolioSummary } } },
    ...standardErrors,
  },
});

export function registerGetPortfolioSummary(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getPortfolioSummaryRoute, async (c) => {
    const body = await c.get('services').results.portfolio(c.get('principal'));
    c.header('Cache-Control', 'private, no-cache');
    return c.json(body, 200);
  });
}
