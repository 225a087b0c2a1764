/** What the admin API shows of webhook subscriptions and deliveries (never a secret, except once at creation). */
import { z } from '@hono/zod-openapi';
import { webhookDeliveryStatuses, type WebhookDeliveryDoc, type WebhookSubscriptionDoc } from '../../store/webhook-documents.js';
import { webhookEventTypes } from '../../webhooks/event-types.js';
import { maxWebhookUrlLength } from '../../webhooks/target-policy.js';

export const zWebhookEventTypeParam = z.enum(webhookEventTypes).openapi({ description: 'An event a subscription can receive.' });

const PORT = '(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?';
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
/** A DNS name whose last label starts with a letter (a numeric one would be parsed as an IPv4 address), or IPv4. */
const HOST = `(?:(?:${LABEL}\\.)*[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|${OCTET}(?:\\.${OCTET}){3})`;
const PCHAR = "(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})";
/** http(s), a host, an optional port, path and query: what a receiver's URL needs, and nothing a parser could read two ways. */
export const WEBHOOK_URL_PATTERN = `^https?://${HOST}${PORT}(?:/${PCHAR}*)*(?:\\?(?:${PCHAR}|[/?])*)?$`;

export const zNewWebhookSubscription = z
  .object({
    url: z
      .string()
      .min(10)
      .max(maxWebhookUrlLength)
      .regex(new RegExp(WEBHOOK_URL_PATTERN), 'url must be an http(s) URL without credentials or fragment')
      .openapi({
        format: 'uri',
        example: 'https://threatmap.example.com/hooks/masterbus',
        description:
          'Receives the POSTs. https in production, where private, loopback and metadata addresses are refused; plain http (e.g. a loopback receiver) only outside production.',
      }),
    events: z
      .array(zWebhookEventTypeParam)
      .min(1)
      .max(webhookEventTypes.length)
      .openapi({ description: 'The events to receive (duplicates are ignored).' }),
    description: z.string().max(500).optional().openapi({ description: 'For the humans who manage subscriptions.' }),
  })
  .strict()
  .openapi('NewWebhookSubscription');

export const zWebhookSubscriptionIdParam = z.object({
  subscription_id: z
    .string()
    .regex(/^whs_[0-9a-f]{24}$/, 'subscription ids are whs_ and 24 hex digits')
    .openapi({ param: { name: 'subscription_id', in: 'path' }, example: 'whs_0123456789abcdef01234567' }),
});

export const zWebhookDeliveryIdParam = zWebhookSubscriptionIdParam.extend({
  delivery_id: z
    .string()
    .regex(/^whd_[0-9a-f]{32}$/, 'delivery ids are whd_ and 32 hex digits')
    .openapi({ param: { name: 'delivery_id', in: 'path' }, example: 'whd_0123456789abcdef0123456789abcdef' }),
});

export const zWebhookSubscriptionView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(zWebhookEventTypeParam),
    description: z.string().nullable(),
    created_by: z.string(),
    /** null: every facility (a global admin's); else the facilities whose events it receives. */
    facility_scope: z.array(z.string()).nullable(),
    created_at: z.string(),
    secret_rotated_at: z.string().nullable(),
    previous_secret_valid_until: z
      .string()
      .nullable()
      .openapi({ description: 'After a rotation, deliveries carry a second `v1=` signature with the old secret until then.' }),
    links: z.object({ self: z.string(), deliveries: z.string() }),
  })
  .openapi('WebhookSubscription');

export const zWebhookSubscriptionWithSecret = zWebhookSubscriptionView
  .extend({
    secret: z.string().openapi({ description: 'The signing secret. Shown in this response only; store it now (rotate to get a new one).' }),
  })
  .openapi('WebhookSubscriptionWithSecret');

export const zWebhookDeliveryStatus = z.enum(webhookDeliveryStatuses);

export const zWebhookDeliveryView = z
  .object({
    id: z.string(),
    subscription_id: z.string(),
    event_id: z.string(),
    event_type: zWebhookEventTypeParam,
    status: zWebhookDeliveryStatus.openapi({
      description:
        '`pending` (queued or being retried), `delivered` (a 2xx answer), `dead_lettered` (every attempt failed; redeliverable), `cancelled` (the subscription was deleted first).',
    }),
    attempts: z.number().int(),
    redeliveries: z.number().int(),
    last_attempt_at: z.string().nullable(),
    last_response_status: z.number().int().nullable(),
    last_error: z.string().nullable(),
    created_at: z.string(),
    delivered_at: z.string().nullable(),
    dead_lettered_at: z.string().nullable(),
  })
  .openapi('WebhookDelivery');

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function subscriptionView(s: WebhookSubscriptionDoc): z.infer<typeof zWebhookSubscriptionView> {
  const self = `/v1/webhooks/subscriptions/${s._id}`;
  const grace = s.previous_secret_expires_at && s.previous_secret_expires_at > new Date() ? s.previous_secret_expires_at : null;
  return {
    id: s._id,
    url: s.url,
    events: s.events,
    description: s.description,
    created_by: s.created_by,
    facility_scope: s.facility_scope,
    created_at: s.created_at.toISOString(),
    secret_rotated_at: iso(s.secret_rotated_at),
    previous_secret_valid_until: iso(grace),
    links: { self, deliveries: `${self}/deliveries` },
  };
}

export function deliveryView(d: WebhookDeliveryDoc): z.infer<typeof zWebhookDeliveryView> {
  return {
    id: d._id,
    subscription_id: d.subscription_id,
    event_id: d.event_id,
    event_type: d.event_type,
    status: d.status,
    attempts: d.attempts,
    redeliveries: d.redeliveries,
    last_attempt_at: iso(d.last_attempt_at),
    last_response_status: d.last_response_status,
    last_error: d.last_error,
    created_at: d.created_at.toISOString(),
    delivered_at: iso(d.delivered_at),
    dead_lettered_at: iso(d.dead_lettered_at),
  };
}
