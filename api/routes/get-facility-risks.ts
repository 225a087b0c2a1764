import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { zFacilityRisks, type FacilityRisks } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { notFound as notFoundDoc, standardErrors, zFacilityIdParam } from '../openapi-schemas.js';
import { notModified, notModifiedResponse, readFacilityResource, storedJson } from '../respond-cached.js';

export const getFacilityRisksRoute = createRoute({
  method: 'get',
  path: '/v1/facilities/{facility_id}/risks',
  operationId: 'getFacilityRisks',
  tags: ['Risks'],
  summary: "The facility's latest completed risk assessment",
  description:
    'Risk summary, categories, 12-month trend, high-risk items and priority actions. Served from the in-process or Redis cache ' +
    'when possible (`X-Cache: hit-l1 | hit-l2 | miss`), with an ETag (send it back in If-None-Match for a 304). ' +
    'Before any assessment has completed for the facility: 404 with code NO_ASSESSMENT_YET (start one with POST .../assessments).',
  security: [{ bearerAuth: [] }],
  request: { params: zFacilityIdParam },
  responses: {
    200: { description: 'The risk assessment.', content: { 'application/json': { schema: zFacilityRisks } } },
    304: notModifiedResponse,
    ...standardErrors,
    404: notFoundDoc('Facility not visible to the caller (RESOURCE_NOT_FOUND), or not assessed yet (NO_ASSESSMENT_YET).'),
  },
});

export function registerGetFacilityRisks(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getFacilityRisksRoute, async (c) => {
    const out = await readFacilityResource(c, c.req.valid('param').facility_id, 'risks');
    return 'notModified' in out ? notModified(c) : storedJson<FacilityRisks>(c, out.json);
  });
}
