import { unpackJsonSync } from '../../store/packed-json.js';
import type { EquipmentListEntry } from '../../store/documents.js';
import { dataConverterFrom } from '../../codec/payload-keys.js';
import { Worker } from '@temporalio/worker';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  zEquipmentDetail,
  zEquipmentListItem,
  zFacilityCompliance,
  zFacilityDetail,
  zFacilityListItem,
  zFacilityRisks,
} from '../../domain/read-models.js';
import { MODEL_VERSION } from '../../domain/model-version.js';
import { equipmentCountOf, facilityIndex } from '../../condoit/simulator/generator.js';
import { workflowBundle, startHarness, type AssessmentJson, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function startAssessment(facilityId: string): Promise<{ res: Response; body: AssessmentJson }> {
  const res = await h.api(`/v1/facilities/${facilityId}/assessments`, { method: 'POST' });
  return { res, body: (await res.json()) as AssessmentJson };
}

/** Attempts of each activity type in a run's history (ActivityTaskStarted carries the attempt number). */
async function activityAttempts(workflowId: string, runId: string): Promise<Record<string, number>> {
  const history = await h.testEnv.client.workflow.getHandle(workflowId, runId).fetchHistory();
  const scheduled = new Map<string, string>();
  const attempts: Record<string, number> = {};
  for (const e of history.events ?? []) {
    if (e.activityTaskScheduledEventAttributes) {
      scheduled.set(String(e.eventId), e.activityTaskScheduledEventAttributes.activityType?.name ?? '?');
    }
    if (e.activityTaskStartedEventAttributes) {
      const name = scheduled.get(String(e.activityTaskStartedEventAttributes.scheduledEventId)) ?? '?';
      attempts[name] = Math.max(attempts[name] ?? 0, e.activityTaskStartedEventAttributes.attempt ?? 1);
    }
  }
  return attempts;
}

describe('facility assessment, end to end over HTTP', () => {
  it('should accept an assessment with 202 and a Location, run it, and serve the result', async () => {
    const { res, body } = await startAssessment('fac-00001');
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/assessments/${body.assessment_id}`);
    expect(body.assessment_id).toMatch(/^asm_/);
    expect(['queued', 'running']).toContain(body.status);
    expect(body.temporal.workflow_id).toBe('facility-assessment/fac-00001');

    const done = await h.waitForAssessment(body.assessment_id);
    expect(done.status).toBe('completed');
    expect(done.progress).toEqual({ phase: 'done', percent: 100 });
    expect(done.model_version).toBe(MODEL_VERSION);
    expect(done.links.risks).toBe('/v1/facilities/fac-00001/risks');
    const expectedEquipment = equipmentCountOf(facilityIndex('fac-00001', h.shape)!, h.shape);
    expect(done.result?.equipment_count).toBe(expectedEquipment);
    expect(typeof done.started_at).toBe('string');
    expect(done.duration_ms).toBeGreaterThan(0);

    const risks = await h.api('/v1/facilities/fac-00001/risks');
    expect(risks.status).toBe(200);
    const body2 = zFacilityRisks.parse(await risks.json());
    const s = body2.risk_summary;
    expect(s.critical_risk_equipment_count + s.high_risk_equipment_count + s.medium_risk_equipment_count + s.low_risk_equipment_count).toBe(
      expectedEquipment,
    );
    expect(s.risk_score).toBe(done.result?.risk_score);
    // A first assessment: its month, and the 11 before reconstructed from the same snapshot (rescore-history.test.ts).
    expect(body2.historical_trend).toHaveLength(12);
    expect(body2.historical_trend.at(-1)).toMatchObject({
      equipment_count: expectedEquipment,
      reconstructed: false,
      model_version: MODEL_VERSION,
    });
  });

  it('should serve /risks from the caches (L1, then Redis), and from MongoDB when both are cold', async () => {
    const first = await h.api('/v1/facilities/fac-00001/risks');
    expect(first.headers.get('x-cache')).toMatch(/^hit-l[12]$/); // warmed in Redis by the workflow's last activity
    expect((await h.api('/v1/facilities/fac-00001/risks')).headers.get('x-cache')).toBe('hit-l1');

    h.apiServices.cache.forgetLocal(':fac-00001');
    expect((await h.api('/v1/facilities/fac-00001/risks')).headers.get('x-cache')).toBe('hit-l2');

    h.apiServices.cache.forgetLocal(':fac-00001');
    for (const key of await h.deps.redis.keys(`${h.env.REDIS_KEY_PREFIX}*fac-00001*`)) await h.deps.redis.del(key);
    const cold = await h.api('/v1/facilities/fac-00001/risks');
    expect(cold.status).toBe(200);
    expect(cold.headers.get('x-cache')).toBe('miss');
    expect((await h.api('/v1/facilities/fac-00001/risks')).headers.get('x-cache')).toBe('hit-l1');
  });

  it('should answer 304 to a matching If-None-Match', async () => {
    const res = await h.api('/v1/facilities/fac-00001/risks');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await h.api('/v1/facilities/fac-00001/risks', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('should store every contract body for the facility and its equipment, valid against the contract schemas', async () => {
    const doc = await h.db.facilityResults.findOne({ _id: 'fac-00001' });
    expect(doc?.model_version).toBe(MODEL_VERSION);
    zFacilityListItem.parse(doc!.list_item);
    zFacilityDetail.omit({ historical_risk: true }).parse(JSON.parse(doc!.detail_json));
    zFacilityRisks.omit({ historical_trend: true }).parse(JSON.parse(doc!.risks_json));
    const compliance = zFacilityCompliance.parse(doc!.compliance);
    const n = doc!.list_item.equipment_count;
    expect(compliance.nfpa_70b.equipment_counts.total).toBe(n);
    expect(
      compliance.nfpa_70b.inspection_status.up_to_date +
        compliance.nfpa_70b.inspection_status.due_soon +
        compliance.nfpa_70b.inspection_status.overdue,
    ).toBe(n);
    expect(compliance.nfpa_70e.arc_flash_label_status.present + compliance.nfpa_70e.arc_flash_label_status.missing).toBe(n);
    const equipment = (await h.db.equipmentResults.find({ facility_id: 'fac-00001', assessment_id: doc!.assessment_id }).toArray()).flatMap(
      (chunk) => chunk.items,
    );
    expect(equipment).toHaveLength(n);
    for (const e of equipment) {
      const detail = zEquipmentDetail.parse(JSON.parse(unpackJsonSync(e.detail_z)));
      expect(detail.location.facility_id).toBe('fac-00001');
    }
    // The listing chunks hold every equipment once, with list items valid against the contract.
    const listing = (await h.db.equipmentLists.find({ assessment_id: doc!.assessment_id }).toArray()).flatMap(
      (c) => JSON.parse(unpackJsonSync(c.entries_z)) as EquipmentListEntry[],
    );
    expect(listing.map((e) => e.equipment_id).sort()).toEqual(equipment.map((e) => e.equipment_id).sort());
    for (const e of listing) zEquipmentListItem.parse(JSON.parse(e.item_json));
    const dist = doc!.list_item.risk_distribution;
    expect(listing.filter((e) => e.risk_level === 'critical')).toHaveLength(dist.critical);
    expect(listing.filter((e) => e.risk_level === 'low')).toHaveLength(dist.low);
  });

  it('should report malformed Condoit records as data-quality issues and score the rest', async () => {
    await h.setSimKnobs({ malformedRate: 0.3 });
    try {
      const { body } = await startAssessment('fac-00008');
      const done = await h.waitForAssessment(body.assessment_id);
      expect(done.status).toBe('completed');
      const total = equipmentCountOf(facilityIndex('fac-00008', h.shape)!, h.shape);
      const doc = await h.db.facilityResults.findOne({ _id: 'fac-00008' });
      const malformed = doc!.data_quality.issues.filter(
        (i) => i.problems.some((p) => /type|install_date|name/.test(p)) && !i.problems.some((p) => p.includes('assumed')),
      );
      expect(malformed.length).toBeGreaterThan(0);
      expect(doc!.list_item.equipment_count + malformed.length).toBe(total);
      expect(done.result?.data_quality_issue_count).toBeGreaterThanOrEqual(malformed.length);
    } finally {
      await h.setSimKnobs({ malformedRate: 0 });
    }
  });

  it('should join the running assessment when the same facility is requested twice', async () => {
    // Slow the first equipment page so the run is certainly still going when the second request lands.
    await h.injectFault({ failNext: 1, pathPrefix: '/v1/facilities/fac-00002/equipment', delayMs: 1_500 });
    const [a, b] = await Promise.all([startAssessment('fac-00002'), startAssessment('fac-00002')]);
    expect(a.res.status).toBe(202);
    expect(b.res.status).toBe(202);
    expect(b.body.assessment_id).toBe(a.body.assessment_id);
    expect(b.body.temporal.run_id).toBe(a.body.temporal.run_id);
    const third = await startAssessment('fac-00002');
    expect(third.body.assessment_id).toBe(a.body.assessment_id);
    expect(third.res.headers.get('x-assessment-joined')).toBe('true');
    expect((await h.waitForAssessment(a.body.assessment_id)).status).toBe('completed');

    // Once it has finished, a new request starts a new run.
    const next = await startAssessment('fac-00002');
    expect(next.body.assessment_id).not.toBe(a.body.assessment_id);
    expect((await h.waitForAssessment(next.body.assessment_id)).status).toBe('completed');
  });

  it('should retry Condoit 5xx answers and complete', async () => {
    await h.injectFault({ failNext: 2, status: 503, pathPrefix: '/v1/facilities/fac-00003' });
    const { body } = await startAssessment('fac-00003');
    const done = await h.waitForAssessment(body.assessment_id);
    expect(done.status).toBe('completed');
    expect((await activityAttempts(body.temporal.workflow_id, body.temporal.run_id)).fetchFacilitySnapshot).toBe(3);
  });

  it("should wait out a Condoit 429's Retry-After and complete", async () => {
    await h.injectFault({ failNext: 1, status: 429, retryAfterSeconds: 1, pathPrefix: '/v1/facilities/fac-00004' });
    const started = Date.now();
    const { body } = await startAssessment('fac-00004');
    const done = await h.waitForAssessment(body.assessment_id);
    expect(done.status).toBe('completed');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect((await activityAttempts(body.temporal.workflow_id, body.temporal.run_id)).fetchFacilitySnapshot).toBe(2);
  });

  it('should fail the assessment cleanly, without retrying, when Condoit has no such facility', async () => {
    const { res, body } = await startAssessment('fac-99999');
    expect(res.status).toBe(202);
    const done = await h.waitForAssessment(body.assessment_id);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('CONDOIT_FACILITY_NOT_FOUND');
    expect(done.error?.message).toContain('fac-99999');
    expect((await activityAttempts(body.temporal.workflow_id, body.temporal.run_id)).fetchFacilitySnapshot).toBe(1);
    // The record is final a moment before the run closes (the run still emits its webhook events).
    const handle = h.testEnv.client.workflow.getHandle(body.temporal.workflow_id, body.temporal.run_id);
    await handle.result().catch(() => undefined);
    const desc = await handle.describe();
    expect(desc.status.name).toBe('FAILED');

    const risks = await h.api('/v1/facilities/fac-99999/risks');
    expect(risks.status).toBe(404);
    expect(((await risks.json()) as { error: { code: string } }).error.code).toBe('NO_ASSESSMENT_YET');
  });

  it('should leave the last good assessment in place when a later run fails', async () => {
    const first = await startAssessment('fac-00005');
    expect((await h.waitForAssessment(first.body.assessment_id)).status).toBe('completed');
    const before = await (await h.api('/v1/facilities/fac-00005/risks')).json();

    await h.injectFault({ failNext: 1, status: 404, pathPrefix: '/v1/facilities/fac-00005' });
    const second = await startAssessment('fac-00005');
    expect((await h.waitForAssessment(second.body.assessment_id)).status).toBe('failed');

    const after = await h.api('/v1/facilities/fac-00005/risks');
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual(before);
    expect((await h.db.facilityResults.findOne({ _id: 'fac-00005' }))?.assessment_id).toBe(first.body.assessment_id);
  });

  it('should make runs findable in Temporal by the FacilityId and AssessmentId search attributes', async () => {
    const { body } = await startAssessment('fac-00006');
    await h.waitForAssessment(body.assessment_id);
    const deadline = Date.now() + 15_000;
    let found: string[] = [];
    // Visibility is eventually consistent: poll briefly.
    while (Date.now() < deadline) {
      found = [];
      for await (const wf of h.testEnv.client.workflow.list({
        query: `FacilityId = "fac-00006" AND AssessmentId = "${body.assessment_id}"`,
      }))
        found.push(wf.runId);
      if (found.length) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(found).toEqual([body.temporal.run_id]);
  });

  it('should keep payloads encrypted in Temporal, and decrypt them through the codec endpoint only for admins', async () => {
    const done = await h.db.assessments.findOne({ facility_id: 'fac-00001', status: 'completed' });
    const raw = await h.testEnv.client.workflowService.getWorkflowExecutionHistory({
      namespace: h.temporalConfig.namespace,
      execution: { workflowId: done!.workflow_id, runId: done!.run_id },
    });
    const input = raw.history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const text = new TextDecoder();
    expect(text.decode(input.metadata!['encoding']!)).toBe('binary/encrypted');
    expect(text.decode(input.metadata!['encryption-key-id']!)).toBe('dev');
    expect(Buffer.from(input.data!).toString('latin1')).not.toContain('fac-00001');

    const body = JSON.stringify({
      payloads: [
        {
          metadata: Object.fromEntries(Object.entries(input.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
          data: Buffer.from(input.data!).toString('base64'),
        },
      ],
    });
    const decode = (token: string | null) =>
      h.api('/codec/decode', { method: 'POST', token, headers: { 'content-type': 'application/json' }, body });
    const ok = await decode(await h.token('admin'));
    expect(ok.status).toBe(200);
    const decoded = ((await ok.json()) as { payloads: { metadata: Record<string, string>; data: string }[] }).payloads[0]!;
    expect(Buffer.from(decoded.metadata['encoding']!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(decoded.data, 'base64').toString())).toMatchObject({ facilityId: 'fac-00001' });
    expect((await decode(await h.token('viewer'))).status).toBe(403);
    expect((await decode(null)).status).toBe(401);
  });

  it('should replay a freshly recorded assessFacility history deterministically', async () => {
    const { body } = await startAssessment('fac-00007');
    await h.waitForAssessment(body.assessment_id);
    const history = await h.testEnv.client.workflow.getHandle(body.temporal.workflow_id, body.temporal.run_id).fetchHistory();
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter: dataConverterFrom(h.env) },
        history,
        body.temporal.workflow_id,
      ),
    ).resolves.toBeUndefined();
    // RECORD_HISTORIES=1 refreshes the committed fixtures that test/unit/replay.test.ts replays without a server.
    if (process.env['RECORD_HISTORIES'] === '1') {
      const dir = fileURLToPath(new URL('../fixtures/histories/', import.meta.url));
      writeFileSync(`${dir}assess-facility.completed.json`, historyToJSON(history));
      const failed = await h.db.assessments.findOne({ facility_id: 'fac-99999' });
      const failedHistory = await h.testEnv.client.workflow.getHandle(failed!.workflow_id, failed!.run_id).fetchHistory();
      writeFileSync(`${dir}assess-facility.condoit-404.json`, historyToJSON(failedHistory));
    }
  });
});
