import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { zFacilityCompliance, type FacilityCompliance } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { notFound as notFoundDoc, standardErrors, zFacilityIdParam } from '../openapi-schemas.js';
import { notModified, notModifiedResponse, readFacilityResource, storedJson } from '../respond-cached.js';

export const getFacilityComplianceRoute = createRoute({
  method: 'get',
  path: '/v1/facilities/{facility_id}/compliance',
  operationId: 'getFacilityCompliance',
  tags: ['Compliance'],
  summary: 'NFPA 70B maintenance and NFPA 70E arc-flash compliance of a facility',
  security: [{ bearerAuth: [] }],
  request: { params: zFacilityIdParam },
  responses: {
    200: {
      description: 'Compliance summary, counts and what is due next.',
      content: { 'application/json': { schema: zFacilityCompliance } },
    },
    304: notModifiedResponse,
    ...standardErrors,
    404: notFoundDoc('Facility not visible to the caller (RESOURCE_NOT_FOUND), or not assessed yet (NO_ASSESSMENT_YET).'),
  },
});

export function registerGetFacilityCompliance(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getFacilityComplianceRoute, async (c) => {
    const out = await readFacilityResource(c, c.req.valid('param').facility_id, 'compliance');
    return 'notModified' in out ? notModified(c) : storedJson<FacilityCompliance>(c, out.json);
  });
}
