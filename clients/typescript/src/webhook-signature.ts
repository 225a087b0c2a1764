/**
 * Verifying a MasterBus webhook delivery (docs/webhooks.md): HMAC-SHA256 keyed with the subscription's secret over
 * `${MasterBus-Timestamp}.${raw body}`, sent as `MasterBus-Signature: v1=<hex>` — one `v1=` per secret while a
 * rotated-out secret is still honoured. A receiver checks the timestamp is near its clock (replays of old
 * deliveries are refused) and that any `v1=` equals, in constant time, the one it computes. The server signs with
 * webhooks/signature.ts; this is the only verifier.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'MasterBus-Signature';
export const TIMESTAMP_HEADER = 'MasterBus-Timestamp';

/** Deliveries whose timestamp is further than this from the receiver's clock are refused. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type VerifyResult =
  { ok: true } | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'outside_tolerance' | 'no_matching_signature' };

export function verifyWebhookSignature(o: {
  secret: string;
  /** The request body exactly as received (before any JSON parsing). */
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
  if (Math.abs(now - timestamp) > (o.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: 'outside_tolerance' };
  const expected = createHmac('sha256', o.secret).update(`${timestamp}.${o.rawBody}`).digest();
  const matches = o.signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => Buffer.from(part.slice(3), 'hex'))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
  return matches ? { ok: true } : { ok: false, reason: 'no_matching_signature' };
}
