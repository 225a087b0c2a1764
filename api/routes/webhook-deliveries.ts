/** Admin API for a subscription's deliveries: list them (dead letters included) and redeliver a dead letter. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../api-env.js';
import { notFound, standardErrors, zPageOf } from '../openapi-schemas.js';
import { requireWebhookAdmin } from './webhook-subscriptions.js';
import {
  deliveryView,
  zWebhookDeliveryIdParam,
  zWebhookDeliveryStatus,
  zWebhookDeliveryView,
  zWebhookSubscriptionIdParam,
} from './webhook-views.js';

export const listWebhookDeliveriesRoute = createRoute({
  method: 'get',
  path: '/v1/webhooks/subscriptions/{subscription_id}/deliveries',
  operationId: 'listWebhookDeliveries',
  tags: ['Webhooks'],
  summary: "A subscription's deliveries, newest first (admin)",
  description: 'Filter with `status=dead_lettered` for the deliveries whose every attempt failed.',
  security: [{ bearerAuth: [] }],
  request: {
    params: zWebhookSubscriptionIdParam,
    query: z.object({
      status: zWebhookDeliveryStatus.optional(),
      page: z.coerce.number().int().min(1).max(100_000).default(1),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: {
      description: 'A page of deliveries.',
      content: {
        'application/json': {
          schema: zPageOf('deliveries', zWebhookDeliveryView),
        },
      },
    },
    ...standardErrors,
    404: notFound('No such subscription (RESOURCE_NOT_FOUND).'),
  },
});

export const redeliverWebhookRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/subscriptions/{subscription_id}/deliveries/{delivery_id}/redeliver',
  operationId: 'redeliverWebhook',
  tags: ['Webhooks'],
  summary: 'Send a dead-lettered delivery again (admin)',
  description:
    "Queues it at the end of the subscription's queue (after what is already waiting), with a fresh set of attempts. Poll the delivery list for its status.",
  security: [{ bearerAuth: [] }],
  request: { params: zWebhookDeliveryIdParam },
  responses: {
    202: { description: 'Queued again.', content: { 'application/json': { schema: zWebhookDeliveryView } } },
    ...standardErrors,
    404: notFound('No such subscription or delivery (RESOURCE_NOT_FOUND).'),
    409: notFound('The delivery is not dead-lettered (CONFLICT).'),
  },
});

export function registerWebhookDeliveries(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listWebhookDeliveriesRoute, async (c) => {
    const owner = requireWebhookAdmin(c);
    const q = c.req.valid('query');
    const { total, items } = await c.get('services').webhooks.deliveries(owner, c.req.valid('param').subscription_id, q);
    c.header('Cache-Control', 'private, no-store');
    const deliveries = items.map(deliveryView);
    c.set(
      'auditReturnedIds',
      deliveries.map((d) => d.id),
    );
    return c.json({ total, page: q.page, limit: q.limit, deliveries }, 200);
  });
  app.openapi(redeliverWebhookRoute, async (c) => {
    const owner = requireWebhookAdmin(c);
    const { subscription_id, delivery_id } = c.req.valid('param');
    return c.json(deliveryView(await c.get('services').webhooks.redeliver(owner, subscription_id, delivery_id)), 202);
  });
}
