import { unpackJson } from '../../store/packed-json.js';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { zEquipmentDetail, type EquipmentDetail } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { notFound as notFoundDoc, standardErrors } from '../openapi-schemas.js';
import { notModified, RESULT_CACHE_CONTROL, storedJson } from '../respond-cached.js';
import { etagOf } from '../../cache/read-through-cache.js';
import { setResponseHeader } from '../response-headers.js';

export const getEquipmentRoute = createRoute({
  method: 'get',
  path: '/v1/equipment/{equipment_id}',
  operationId: 'getEquipment',
  tags: ['Equipment'],
  summary: 'One equipment: specifications, photos, risk assessment, service history, 70B/70E compliance',
  security: [{ bearerAuth: [] }],
  request: {
    params: z.object({
      equipment_id: z
        .string()
        .min(1)
        .max(160)
        .regex(/^[A-Za-z0-9._:-]+$/)
        .openapi({ param: { name: 'equipment_id', in: 'path' }, example: 'fac-00001-eq-0001' }),
    }),
  },
  responses: {
    200: { description: 'The equipment.', content: { 'application/json': { schema: zEquipmentDetail } } },
    304: { description: 'Not modified.' },
    ...standardErrors,
    404: notFoundDoc('No assessed equipment with this id visible to the caller.'),
  },
});

export function registerGetEquipment(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(getEquipmentRoute, async (c) => {
    const { equipment_id } = c.req.valid('param');
    const doc = await c.get('services').results.equipment(c.get('principal'), equipment_id);
    if (!doc) throw new ApiError('RESOURCE_NOT_FOUND', `Equipment ${equipment_id} not found`);
    c.set('auditFacilityId', doc.facility_id);
    const etag = etagOf(`${doc.assessment_id}:${equipment_id}`);
    setResponseHeader(c, 'ETag', etag);
    setResponseHeader(c, 'Cache-Control', RESULT_CACHE_CONTROL);
    if (c.req.header('if-none-match') === etag) return notModified(c);
    // Stored as the contract's JSON: served as is, never parsed and re-serialized.
    return storedJson<EquipmentDetail>(c, await unpackJson(doc.detail_z));
  });
}
