/** Admin API for webhook subscriptions: create (the secret is shown once), list, get, delete, rotate the secret. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { bodyErrors, notFound, standardErrors, zPageOf } from '../openapi-schemas.js';
import { hasRole } from '../security/principal.js';
import type { WebhookOwner } from '../services/webhook-service.js';
import {
  subscriptionView,
  zNewWebhookSubscription,
  zWebhookSubscriptionIdParam,
  zWebhookSubscriptionView,
  zWebhookSubscriptionWithSecret,
} from './webhook-views.js';

const tags = ['Webhooks'];
const security = [{ bearerAuth: [] }];
const subscriptionLinks = {
  GetWebhookSubscription: {
    operationId: 'getWebhookSubscription',
    parameters: { subscription_id: '$response.body#/id' },
    description: 'Read the subscription.',
  },
  ListWebhookDeliveries: {
    operationId: 'listWebhookDeliveries',
    parameters: { subscription_id: '$response.body#/id' },
    description: 'Its deliveries.',
  },
  DeleteWebhookSubscription: {
    operationId: 'deleteWebhookSubscription',
    parameters: { subscription_id: '$response.body#/id' },
    description: 'Delete it.',
  },
} as const;

/**
 * Webhooks need the admin role; the admin's scope decides what it manages: a global admin every subscription, a
 * facility-scoped one only those it created (whose events are its facilities' only).
 */
export function requireWebhookAdmin(c: Context<ApiEnv>): WebhookOwner {
  const p = c.get('principal');
  if (!hasRole(p, 'admin')) throw new ApiError('FORBIDDEN', 'Managing webhooks needs the admin role', `your role is ${p.role}`);
  return { subject: p.subject, facilities: p.facilities };
}

export const createWebhookSubscriptionRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/subscriptions',
  operationId: 'createWebhookSubscription',
  tags,
  summary: 'Subscribe a URL to events (admin)',
  description:
    'Deliveries are POSTs signed with HMAC-SHA256 (docs/webhooks.md has the verification recipe). The response carries the signing secret: it is never shown again.',
  security,
  request: { body: { required: true, content: { 'application/json': { schema: zNewWebhookSubscription } } } },
  responses: {
    201: {
      description: 'Created; store `secret` now.',
      headers: { Location: { schema: { type: 'string' } } },
      links: subscriptionLinks,
      content: { 'application/json': { schema: zWebhookSubscriptionWithSecret } },
    },
    ...standardErrors,
    ...bodyErrors,
  },
});

export const listWebhookSubscriptionsRoute = createRoute({
  method: 'get',
  path: '/v1/webhooks/subscriptions',
  operationId: 'listWebhookSubscriptions',
  tags,
  summary: 'Webhook subscriptions, newest first (admin)',
  security,
  request: {
    query: z.object({
      page: z.coerce.number().int().min(1).max(100_000).default(1),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: {
    200: {
      description: 'A page of subscriptions.',
      content: {
        'application/json': {
          schema: zPageOf('subscriptions', zWebhookSubscriptionView),
        },
      },
    },
    ...standardErrors,
  },
});

const oneSubscription = (method: 'get' | 'delete', operationId: string, summary: string) =>
  createRoute({
    method,
    path: '/v1/webhooks/subscriptions/{subscription_id}',
    operationId,
    tags,
    summary,
    security,
    request: { params: zWebhookSubscriptionIdParam },
    responses: {
      ...(method === 'get'
        ? {
            200: {
              description: 'The subscription (without its secret).',
              content: { 'application/json': { schema: zWebhookSubscriptionView } },
            },
          }
        : { 204: { description: 'Deleted: nothing more is delivered; deliveries still queued are cancelled.' } }),
      ...standardErrors,
      404: notFound('No such subscription (RESOURCE_NOT_FOUND).'),
    },
  });

export const getWebhookSubscriptionRoute = oneSubscription('get', 'getWebhookSubscription', 'A webhook subscription (admin)');
export const deleteWebhookSubscriptionRoute = oneSubscription(
  'delete',
  'deleteWebhookSubscription',
  'Delete a webhook subscription (admin)',
);

export const rotateWebhookSecretRoute = createRoute({
  method: 'post',
  path: '/v1/webhooks/subscriptions/{subscription_id}/rotate-secret',
  operationId: 'rotateWebhookSecret',
  tags,
  summary: 'Replace the signing secret (admin)',
  description:
    'Returns the new secret once. For 24 hours deliveries carry two `v1=` signatures (new and old secret), so receivers can switch without refusing events.',
  security,
  request: { params: zWebhookSubscriptionIdParam },
  responses: {
    200: {
      description: 'The subscription with its new secret; store it now.',
      content: { 'application/json': { schema: zWebhookSubscriptionWithSecret } },
    },
    ...standardErrors,
    404: notFound('No such subscription (RESOURCE_NOT_FOUND).'),
    409: notFound('Rotated or deleted concurrently; retry (CONFLICT).'),
  },
});

export function registerWebhookSubscriptions(app: OpenAPIHono<ApiEnv>): void {
  // The role is checked before request validation: a non-admin learns nothing from a 400.
  const adminOnly = async (c: Context<ApiEnv>, next: () => Promise<void>) => {
    requireWebhookAdmin(c);
    await next();
  };
  app.use('/v1/webhooks', adminOnly);
  app.use('/v1/webhooks/*', adminOnly);

  app.openapi(createWebhookSubscriptionRoute, async (c) => {
    const owner = requireWebhookAdmin(c);
    const { subscription, secret } = await c.get('services').webhooks.create(owner, c.req.valid('json'));
    const view = subscriptionView(subscription);
    c.header('Location', view.links.self);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...view, secret }, 201);
  });
  app.openapi(listWebhookSubscriptionsRoute, async (c) => {
    const owner = requireWebhookAdmin(c);
    const q = c.req.valid('query');
    const { total, items } = await c.get('services').webhooks.list(owner, q.page, q.limit);
    c.header('Cache-Control', 'private, no-store');
    const subscriptions = items.map(subscriptionView);
    c.set(
      'auditReturnedIds',
      subscriptions.map((s) => s.id),
    );
    return c.json({ total, page: q.page, limit: q.limit, subscriptions }, 200);
  });
  app.openapi(getWebhookSubscriptionRoute, async (c) => {
    const owner = requireWebhookAdmin(c);
    c.header('Cache-Control', 'private, no-store');
    return c.json(subscriptionView(await c.get('services').webhooks.get(owner, c.req.valid('param').subscription_id)), 200);
  });
  app.openapi(deleteWebhookSubscriptionRoute, async (c) => {
    const owner = requireWebhookAdmin(c);
    await c.get('services').webhooks.delete(owner, c.req.valid('param').subscription_id);
    return c.body(null, 204);
  });
  app.openapi(rotateWebhookSecretRoute, async (c) => {
    const owner = requireWebhookAdmin(c);
    const { subscription, secret } = await c.get('services').webhooks.rotateSecret(owner, c.req.valid('param').subscription_id);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...subscriptionView(subscription), secret }, 200);
  });
}
