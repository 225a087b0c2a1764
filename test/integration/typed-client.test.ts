/**
 * The consumers' typed client (clients/typescript) against the live API: generated from the API's own OpenAPI
 * document and checked here to be exactly what that document gives today (so it never drifts), then used as
 * ThreatMap would — list, start an assessment, poll it with the helper, read typed results, verify a webhook
 * delivery's signature — and the contract's error body surfaced on a refusal.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMasterBusClient, MasterBusError, verifyWebhookSignature, waitForAssessment } from '../../clients/typescript/src/index.js';
import { CLIENT_SCHEMA_PATH, clientSchemaSource } from '../../scripts/client-schema.js';
import { signatureHeaderValue } from '../../webhooks/signature.js';
import { startHarness, type Harness } from '../support/harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ shape: { facilityCount: 3, equipmentMin: 4, equipmentMax: 8 } });
});
afterAll(async () => {
  await h?.close();
});

describe('the typed client', () => {
  it("should be generated from the API's OpenAPI document as it is now (UPDATE_CLIENT=1 rewrites it)", async () => {
    const doc = await (await fetch(`${h.apiUrl}/v1/openapi.json`)).text();
    const fresh = await clientSchemaSource(doc);
    const file = `${root}${CLIENT_SCHEMA_PATH}`;
    if (process.env['UPDATE_CLIENT'] === '1') writeFileSync(file, fresh);
    expect(readFileSync(file, 'utf8'), 'clients/typescript/src/schema.ts is stale: npm run client:generate').toBe(fresh);
  });

  it('should start an assessment, poll it to completion and read typed risks, as ThreatMap does', async () => {
    const client = createMasterBusClient({ baseUrl: h.apiUrl, token: () => h.token('assessor') });
    const started = await client.POST('/v1/facilities/{facility_id}/assessments', { params: { path: { facility_id: 'fac-00002' } } });
    expect(started.response.status).toBe(202);
    const done = await waitForAssessment(client, started.data!.assessment_id, { intervalMs: 200, timeoutMs: 120_000 });
    expect(done.status).toBe('completed');
    const risks = await client.GET('/v1/facilities/{facility_id}/risks', { params: { path: { facility_id: 'fac-00002' } } });
    expect(risks.response.status).toBe(200);
    expect(risks.data!.risk_summary.risk_score).toBeGreaterThanOrEqual(0);
    const list = await client.GET('/v1/facilities', { params: { query: { limit: 10 } } });
    expect(list.data!.facilities.map((f) => f.id)).toContain('fac-00002');
  }, 180_000);

  it("should give the contract's error body on a refusal, and the polling helper should raise it", async () => {
    const viewer = createMasterBusClient({ baseUrl: h.apiUrl, token: await h.token('viewer', ['fac-00001']) });
    const other = await viewer.GET('/v1/facilities/{facility_id}', { params: { path: { facility_id: 'fac-00003' } } });
    expect(other.response.status).toBe(404);
    expect(other.error).toMatchObject({ error: { code: 'RESOURCE_NOT_FOUND' } });
    await expect(waitForAssessment(viewer, 'asm_00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(MasterBusError);
  });

  it("should verify a delivery signed by the server's signer, during a rotation too, and refuse a tampered or stale one", () => {
    const body = JSON.stringify({ type: 'assessment.completed', data: { facility_id: 'fac-00001' } });
    const now = Math.floor(Date.now() / 1000);
    const header = signatureHeaderValue(['whsec_new', 'whsec_old'], now, body);
    for (const secret of ['whsec_new', 'whsec_old'])
      expect(verifyWebhookSignature({ secret, rawBody: body, timestamp: String(now), signature: header })).toEqual({ ok: true });
    expect(verifyWebhookSignature({ secret: 'whsec_new', rawBody: `${body} `, timestamp: String(now), signature: header })).toEqual({
      ok: false,
      reason: 'no_matching_signature',
    });
    expect(verifyWebhookSignature({ secret: 'whsec_new', rawBody: body, timestamp: String(now - 301), signature: header }).ok).toBe(false);
  });
});
