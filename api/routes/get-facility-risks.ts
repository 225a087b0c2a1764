import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { zFacilityRisks } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { notFound, standardErrors, zFacilityIdParam } from '../openapi-schemas.js';
import { canSeeFacility } from '../security/principal.js';

export const getFacilityRisksRoute = createRoute({
  method: 'get',
  path: '/v1/facilities/{facility_id}/risks',
  operationId: 'getFacilityRisks',
  tags: ['Risks'],
  summary: "The facility's latest completed risk assessment",
  description:
    'Served from Redis when cached, else from the MongoDB read model. `X-Cache: hit|miss` says which. ' +
    'Before any assessment has completed for the facility: 404 with code NO_ASSESSMENT_YET (start one with POST .../assessments).',
  security: [{ bearerAuth: [] }],
  request: { params: zFacilityIdParam },
  responses: {
    200: { description: 'Risk summary, categories, trend, high-risk items and recommendations.', content: { 'application/json': { schema: zFacilityRisks } } },
    ...standardErrors,
    404: notFound('Facility not visible to the caller (RESOURCE_NOT_FOUND), or not assessed yet (NO_ASSESSMENT_YET).'),
  },
});

export function registerGetFacilityRisks(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getFacilityRisksRoute, async (c) => {
    const { facility_id } = c.req.valid('param');
    if (!canSeeFacility(c.get('principal'), facility_id)) {
      throw new ApiError('RESOURCE_NOT_FOUND', `Facility ${facility_id} not found`);
    }
    const read = await c.get('services').risks.read(facility_id);
    if (!read) {
      throw new ApiError('NO_ASSESSMENT_YET', `Facility ${facility_id} has no completed assessment yet`, `Start one with POST /v1/facilities/${facility_id}/assessments`);
    }
    c.header('X-Cache', read.source === 'cache' ? 'hit' : 'miss');
    return c.json(read.body, 200);
  });
}
