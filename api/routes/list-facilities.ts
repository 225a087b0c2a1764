import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { zFacilityListItem } from '../../domain/read-models.js';
import type { ApiEnv } from '../api-env.js';
import { standardErrors, zSearchText, zPageOf } from '../openapi-schemas.js';

export const zFacilityListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1).openapi({ example: 1 }),
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
  sort: z.enum(['name', 'risk_score', 'last_updated']).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  search: zSearchText('the name or address'),
});

export const listFacilitiesRoute = createRoute({
  method: 'get',
  path: '/v1/facilities',
  operationId: 'listFacilities',
  tags: ['Facilities'],
  summary: 'Assessed facilities the caller may see, paginated, sorted and searchable',
  description: 'Only facilities with a completed assessment are listed; `total` counts only what the caller may see.',
  security: [{ bearerAuth: [] }],
  request: { query: zFacilityListQuery },
  responses: {
    200: {
      description: 'A page of facilities.',
      content: {
        'application/json': {
          schema: zPageOf('facilities', zFacilityListItem),
        },
      },
    },
    ...standardErrors,
  },
});

export function registerListFacilities(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listFacilitiesRoute, async (c) => {
    const q = c.req.valid('query');
    const page = await c.get('services').results.listFacilities(c.get('principal'), q);
    c.header('Cache-Control', 'private, no-cache');
    c.set(
      'auditReturnedIds',
      page.items.map((f) => f.id),
    );
    return c.json({ total: page.total, page: page.page, limit: page.limit, facilities: page.items }, 200);
  });
}
