import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { equipmentTypes } from '../../condoit/schema.js';
import { zEquipmentListItem } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { notFound as notFoundDoc, standardErrors, zFacilityIdParam, zSearchText, zPageOf } from '../openapi-schemas.js';
import { notFound } from '../respond-cached.js';

export const zEquipmentListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  type: z.enum(equipmentTypes).optional(),
  risk_level: z.enum(['low', 'medium', 'high', 'critical']).optional(),
  sort: z.enum(['name', 'type', 'risk_rating', 'install_date', 'last_service']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  search: zSearchText('the name or location'),
});

export const listFacilityEquipmentRoute = createRoute({
  method: 'get',
  path: '/v1/facilities/{facility_id}/equipment',
  operationId: 'listFacilityEquipment',
  tags: ['Equipment'],
  summary: "A facility's equipment from its latest assessment, filtered, sorted and paginated",
  description: '`sort=risk_rating` orders by risk score.',
  security: [{ bearerAuth: [] }],
  request: { params: zFacilityIdParam, query: zEquipmentListQuery },
  responses: {
    200: {
      description: 'A page of equipment.',
      content: {
        'application/json': {
          schema: zPageOf('equipment', zEquipmentListItem),
        },
      },
    },
    ...standardErrors,
    404: notFoundDoc('Facility not visible to the caller (RESOURCE_NOT_FOUND), or not assessed yet (NO_ASSESSMENT_YET).'),
  },
});

export function registerListFacilityEquipment(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listFacilityEquipmentRoute, async (c) => {
    const { facility_id } = c.req.valid('param');
    const read = await c.get('services').results.listEquipment(c.get('principal'), facility_id, c.req.valid('query'));
    if (read.kind === 'not_visible') throw notFound(facility_id);
    if (read.kind === 'not_assessed')
      throw new ApiError(
        'NO_ASSESSMENT_YET',
        `Facility ${facility_id} has no completed assessment yet`,
        `Start one with POST /v1/facilities/${facility_id}/assessments`,
      );
    c.header('Cache-Control', 'private, no-cache');
    c.set(
      'auditReturnedIds',
      read.page.items.map((e) => e.id),
    );
    return c.json({ total: read.page.total, page: read.page.page, limit: read.page.limit, equipment: read.page.items }, 200);
  });
}
