/**
 * Webhook signatures: HMAC-SHA256, keyed with the subscription's secret, over `${timestamp}.${rawBody}`, sent as
 * `MasterBus-Signature: v1=<hex>` (one `v1=` per valid secret while a rotated-out secret is still honoured) with
 * `MasterBus-Timestamp: <unix seconds>`. Covering the timestamp lets a receiver refuse replays of old deliveries;
 * the verification recipe in docs/webhooks.md is `verifyWebhookSignature` below.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'MasterBus-Signature';
export const timestampHeader = 'MasterBus-Timestamp';
export const eventIdHeader = 'MasterBus-Event-Id';
export const eventTypeHeader = 'MasterBus-Event-Type';
export const deliveryIdHeader = 'MasterBus-Delivery-Id';

/** Receivers should refuse deliveries whose timestamp is further than this from their clock. */
export const defaultToleranceSeconds = 300;

export function signPayload(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/** The signature header's value: one `v1=` per secret (the current one first). */
export function signatureHeaderValue(secrets: readonly string[], timestamp: number, rawBody: string): string {
  return secrets.map((s) => `v1=${signPayload(s, timestamp, rawBody)}`).join(', ');
}

export type VerifyResult =
  { ok: true } | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'outside_tolerance' | 'no_matching_signature' };

/** The receiver's check: a timestamp within tolerance and any `v1=` equal (in constant time) to the expected one. */
export function verifyWebhookSignature(o: {
  secret: string;
  rawBody: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): VerifyResult {
  if (!o.timestamp || !o.signature) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(o.timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const timestamp = Number(o.timestamp);
  const now = o.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (o.toleranceSeconds ?? defaultToleranceSeconds)) return { ok: false, reason: 'outside_tolerance' };
  const expected = Buffer.from(signPayload(o.secret, timestamp, o.rawBody), 'hex');
  const matches = o.signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => Buffer.from(part.slice(3), 'hex'))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
  return matches ? { ok: true } : { ok: false, reason: 'no_matching_signature' };
}
