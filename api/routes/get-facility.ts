import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { zFacilityDetail } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { notFound as notFoundDoc, standardErrors, zFacilityIdParam } from '../openapi-schemas.js';
import { facilityResourceHandler, notModifiedResponse } from '../respond-cached.js';

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
  // Path parameters are validated by the route before the shared handler runs.
  app.openapi(getFacilityRoute, facilityResourceHandler('detail') as never);
}
