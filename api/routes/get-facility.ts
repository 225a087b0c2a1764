import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { zFacilityDetail, type FacilityDetail } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { notFound as notFoundDoc, standardErrors, zFacilityIdParam } from '../openapi-schemas.js';
import { notModified, notModifiedResponse, readFacilityResource, storedJson } from '../respond-cached.js';

export const getFacilityRoute = createRoute({
  method: 'get',
  path: '/v1/facilities/{facility_id}',
  operationId: 'getFacility',
  tags: ['Facilities'],
  summary: 'A facility with its risk score, compliance status, history and top threats',
  security: [{ bearerAuth: [] }],
  request: { params: zFacilityIdParam },
  responses: {
    200: { description: 'The facility.', content: { 'application/json': { schema: zFacilityDetail } } },
    304: notModifiedResponse,
    ...standardErrors,
    404: notFoundDoc('Facility not visible to the caller (RESOURCE_NOT_FOUND), or not assessed yet (NO_ASSESSMENT_YET).'),
  },
});

export function registerGetFacility(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getFacilityRoute, async (c) => {
    const out = await readFacilityResource(c, c.req.valid('param').facility_id, 'detail');
    return 'notModified' in out ? notModified(c) : storedJson<FacilityDetail>(c, out.json);
  });
}
