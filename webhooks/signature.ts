/**
 * Webhook signatures: HMAC-SHA256, keyed with the subscription's secret, over `${timestamp}.${rawBody}`, sent as
 * `MasterBus-Signature: v1=<hex>` (one `v1=` per valid secret while a rotated-out secret is still honoured) with
 * `MasterBus-Timestamp: <unix seconds>`. Covering the timestamp lets a receiver refuse replays of old deliveries;
 * receivers verify with `verifyWebhookSignature` of the typed client (clients/typescript), the one verifier.
 */
import { createHmac } from 'node:crypto';

export const signatureHeader = 'MasterBus-Signature';
export const timestampHeader = 'MasterBus-Timestamp';
export const eventIdHeader = 'MasterBus-Event-Id';
export const eventTypeHeader = 'MasterBus-Event-Type';
export const deliveryIdHeader = 'MasterBus-Delivery-Id';

export function signPayload(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/** The signature header's value: one `v1=` per secret (the current one first). */
export function signatureHeaderValue(secrets: readonly string[], timestamp: number, rawBody: string): string {
  return secrets.map((s) => `v1=${signPayload(s, timestamp, rawBody)}`).join(', ');
}
