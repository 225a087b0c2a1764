import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeaderValue, signPayload } from '../../webhooks/signature.js';
import { verifyWebhookSignature } from '../../clients/typescript/src/webhook-signature.js';

const secret = 'whsec_test-secret';
const body = '{"id":"evt_1","type":"assessment.completed"}';
const now = 1_800_000_000;

describe('webhook signatures', () => {
  it('should be HMAC-SHA256 in hex over "<timestamp>.<raw body>", as any language computes it', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signPayload(secret, now, body)).toBe(expected);
    expect(signatureHeaderValue([secret], now, body)).toBe(`v1=${expected}`);
  });

  it('should accept a signature made with the secret, within the tolerance either side', () => {
    const signature = signatureHeaderValue([secret], now, body);
    for (const skew of [0, 299, -299]) {
      expect(verifyWebhookSignature({ secret, rawBody: body, timestamp: String(now), signature, nowSeconds: now + skew })).toEqual({
        ok: true,
      });
    }
  });

  it('should refuse a replay older (or newer) than five minutes even with a valid signature', () => {
    const signature = signatureHeaderValue([secret], now, body);
    expect(verifyWebhookSignature({ secret, rawBody: body, timestamp: String(now), signature, nowSeconds: now + 301 })).toEqual({
      ok: false,
      reason: 'outside_tolerance',
    });
    expect(verifyWebhookSignature({ secret, rawBody: body, timestamp: String(now), signature, nowSeconds: now - 301 })).toEqual({
      ok: false,
      reason: 'outside_tolerance',
    });
  });

  it('should refuse a changed body, a changed timestamp, a wrong secret and a missing header', () => {
    const signature = signatureHeaderValue([secret], now, body);
    const check = (o: Partial<Parameters<typeof verifyWebhookSignature>[0]>) =>
      verifyWebhookSignature({ secret, rawBody: body, timestamp: String(now), signature, nowSeconds: now, ...o });
    expect(check({ rawBody: body.replace('completed', 'failed') })).toEqual({ ok: false, reason: 'no_matching_signature' });
    expect(check({ timestamp: String(now + 1) })).toEqual({ ok: false, reason: 'no_matching_signature' });
    expect(check({ secret: 'whsec_other' })).toEqual({ ok: false, reason: 'no_matching_signature' });
    expect(check({ signature: null })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(check({ timestamp: '12e3' })).toEqual({ ok: false, reason: 'bad_timestamp' });
    expect(check({ signature: 'v1=zz' })).toEqual({ ok: false, reason: 'no_matching_signature' });
    expect(check({ signature: `v0=${signPayload(secret, now, body)}` })).toEqual({ ok: false, reason: 'no_matching_signature' });
  });

  it('should carry one v1= per secret during a rotation, so receivers holding either secret accept it', () => {
    const signature = signatureHeaderValue(['whsec_new', 'whsec_old'], now, body);
    expect(signature.split(', ')).toHaveLength(2);
    for (const s of ['whsec_new', 'whsec_old'])
      expect(verifyWebhookSignature({ secret: s, rawBody: body, timestamp: String(now), signature, nowSeconds: now }).ok).toBe(true);
    expect(verifyWebhookSignature({ secret: 'whsec_third', rawBody: body, timestamp: String(now), signature, nowSeconds: now }).ok).toBe(
      false,
    );
  });
});
