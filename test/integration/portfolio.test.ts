/**
 * Full-portfolio reassessment on the real dev server: a failing facility is reported while the others are
 * stored; continue-as-new keeps totals right; an incremental rerun refetches only changed facilities; the
 * schedule is created once however often it is applied, and can be paused and triggered.
 */
import { dataConverterFrom } from '../../codec/payload-keys.js';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPortfolioSchedule } from '../../temporal-admin/portfolio-schedule.js';
import { startHarness, workflowBundle, type Harness } from '../support/harness.js';

let h: Harness;
let admin: string;
const FACILITIES = 50;

interface PortfolioJson {
  kind: string;
  assessment_id: string;
  status: string;
  counts: { assessed: number; failed: number; skipped: number; listed: number };
  failures: { facility_id: string; code: string }[];
  progress: { phase: string; remaining: number; listing_complete: boolean } | null;
  temporal: { workflow_id: string };
}

async function runPortfolio(force = false): Promise<PortfolioJson> {
  const res = await h.api('/v1/portfolio/assessments', {
    method: 'POST',
    token: admin,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ force }),
  });
  expect(res.status).toBe(202);
  const started = (await res.json()) as PortfolioJson;
  expect(res.headers.get('location')).toBe(`/v1/assessments/${started.assessment_id}`);
  const deadline = Date.now() + 240_000;
  for (;;) {
    const body = (await (await h.api(`/v1/assessments/${started.assessment_id}`, { token: admin })).json()) as PortfolioJson;
    if (['completed', 'failed', 'cancelled'].includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`portfolio run still ${body.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  // Small pages and a low event threshold, so this run continues as new several times.
  h = await startHarness({
    shape: { facilityCount: FACILITIES, equipmentMin: 5, equipmentMax: 12 },
    portfolio: { pageSize: 10, concurrency: 8, continueAsNewAfterEvents: 100 },
  });
  admin = await h.token('admin');
});
afterAll(async () => {
  await h?.close();
});

describe('portfolio reassessment', () => {
  it('should assess every facility, report the one Condoit keeps failing, and continue as new with correct totals', async () => {
    await h.injectFault({ failNext: 1_000, status: 404, pathPrefix: '/v1/facilities/fac-00007' });
    const run = await runPortfolio();
    await fetch(`${h.sim.url}/__sim/faults`, { method: 'DELETE' });
    expect(run.kind).toBe('portfolio');
    expect(run.status).toBe('completed');
    expect(run.counts).toEqual({ assessed: FACILITIES - 1, failed: 1, skipped: 0, listed: FACILITIES });
    expect(run.failures).toEqual([expect.objectContaining({ facility_id: 'fac-00007', code: 'CONDOIT_FACILITY_NOT_FOUND' })]);
    expect(await h.db.facilityResults.countDocuments({})).toBe(FACILITIES - 1);
    expect(await h.db.facilityResults.findOne({ _id: 'fac-00007' })).toBeNull();

    const state = (await h.testEnv.client.workflow.getHandle(run.temporal.workflow_id).result()) as { continuedAsNew: number };
    expect(state.continuedAsNew).toBeGreaterThanOrEqual(1);
    const summary = await h.db.portfolioSummaries.findOne({ _id: run.assessment_id });
    expect(summary?.summary.total_facilities).toBe(FACILITIES - 1);
    // Each facility's run is its own child workflow, findable by the portfolio run id.
    const children: string[] = [];
    for await (const wf of h.testEnv.client.workflow.list({
      query: `PortfolioRunId = "${run.assessment_id}" AND WorkflowType = "assessFacility"`,
    }))
      children.push(wf.workflowId);
    expect(children.length).toBeGreaterThanOrEqual(1);
    expect(children.every((id) => id.startsWith('facility-assessment/') && id.endsWith(`/${run.assessment_id}`))).toBe(true);

    // A facility-scoped admin sees the run only as far as its own facilities go: their outcomes, nobody else's.
    const asScoped = async (facilities: string[]) =>
      (await (await h.api(`/v1/assessments/${run.assessment_id}`, { token: await h.token('admin', facilities) })).json()) as typeof run & {
        scope: string;
      };
    const own = await asScoped(['fac-00001', 'fac-00007']);
    expect(own).toMatchObject({
      scope: 'caller',
      status: 'completed',
      progress: null,
      counts: { assessed: 1, failed: 1, skipped: null, listed: null },
    });
    expect(own.failures.map((f) => f.facility_id)).toEqual(['fac-00007']);
    const other = await asScoped(['fac-00002']);
    expect(other).toMatchObject({ scope: 'caller', counts: { assessed: 1, failed: 0 }, failures: [] });
    const cancel = await h.api(`/v1/assessments/${run.assessment_id}/cancel`, {
      method: 'POST',
      token: await h.token('admin', ['fac-00002']),
    });
    expect(cancel.status, 'acting on a run stays global administration').toBe(404);
  });

  it('should, incrementally, reassess only never-assessed and changed facilities, refetching only those', async () => {
    // The facility that failed has no result yet: the next incremental run picks it up, and only it.
    const retry = await runPortfolio();
    expect(retry.counts).toEqual({ assessed: 1, failed: 0, skipped: FACILITIES - 1, listed: FACILITIES });
    expect(await h.db.facilityResults.countDocuments({})).toBe(FACILITIES);

    for (const id of ['fac-00002', 'fac-00010'])
      expect((await h.sim.app.request(`/__sim/facilities/${id}/touch`, { method: 'POST' })).status).toBe(200);
    const fetches = () => h.sim.stats.byRoute['/v1/facilities/:id'] ?? 0;
    const before = fetches();
    const run = await runPortfolio();
    expect(run.status).toBe('completed');
    expect(run.counts).toEqual({ assessed: 2, failed: 0, skipped: FACILITIES - 2, listed: FACILITIES });
    expect(fetches() - before).toBe(2); // only the two changed facilities were fetched from Condoit
  });

  it('should reassess everything with force', async () => {
    const run = await runPortfolio(true);
    expect(run.counts).toEqual({ assessed: FACILITIES, failed: 0, skipped: 0, listed: FACILITIES });
  });

  it('should report progress while running, and cancel cleanly: children cancelled, completed results kept', async () => {
    await h.setSimKnobs({ latencyMs: 150 });
    try {
      const res = await h.api('/v1/portfolio/assessments', {
        method: 'POST',
        token: admin,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ force: true }),
      });
      const started = (await res.json()) as PortfolioJson;
      let progress: PortfolioJson['progress'] = null;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const body = (await (await h.api(`/v1/assessments/${started.assessment_id}`, { token: admin })).json()) as PortfolioJson & {
          progress: { assessed: number } | null;
        };
        progress = body.progress;
        if (body.progress && body.progress.assessed >= 1) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(progress).not.toBeNull();
      const cancel = await h.api(`/v1/assessments/${started.assessment_id}/cancel`, { method: 'POST', token: admin });
      expect(cancel.status).toBe(202);
      let status = '';
      while (Date.now() < deadline + 30_000) {
        status = ((await (await h.api(`/v1/assessments/${started.assessment_id}`, { token: admin })).json()) as PortfolioJson).status;
        if (status === 'cancelled') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe('cancelled');
      expect(await h.db.facilityResults.countDocuments({})).toBe(FACILITIES); // earlier results all still in place
      let running = -1;
      for (let i = 0; i < 40 && running !== 0; i++) {
        running = 0;
        for await (const _ of h.testEnv.client.workflow.list({
          query: `PortfolioRunId = "${started.assessment_id}" AND ExecutionStatus = "Running"`,
        }))
          running += 1;
        if (running) await new Promise((r) => setTimeout(r, 250));
      }
      expect(running).toBe(0);
    } finally {
      await h.setSimKnobs({ latencyMs: 0 });
    }
  });

  it('should replay a recorded portfolio history (with child workflows) deterministically', async () => {
    const runs = await h.db.portfolioRuns.find({ status: 'completed' }).sort({ requested_at: 1 }).toArray();
    const first = runs[0]!;
    const history = await h.testEnv.client.workflow.getHandle(first.workflow_id, first.run_id).fetchHistory();
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter: dataConverterFrom(h.env) },
        history,
        first.workflow_id,
      ),
    ).resolves.toBeUndefined();
    if (process.env['RECORD_HISTORIES'] === '1') {
      writeFileSync(
        fileURLToPath(new URL('../fixtures/histories/reassess-portfolio.first-run.json', import.meta.url)),
        historyToJSON(history),
      );
    }
  });

  it('should return the same portfolio run for a repeated Idempotency-Key', async () => {
    const post = () =>
      h.api('/v1/portfolio/assessments', {
        method: 'POST',
        token: admin,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'nightly-1' },
        body: JSON.stringify({ force: false }),
      });
    const a = (await (await post()).json()) as PortfolioJson;
    const b = (await (await post()).json()) as PortfolioJson;
    expect(b.assessment_id).toBe(a.assessment_id);
    await h.testEnv.client.workflow.getHandle(a.temporal.workflow_id).result();
  });

  it('should refuse portfolio runs and runs of other people to non-admins', async () => {
    const res = await h.api('/v1/portfolio/assessments', { method: 'POST', token: await h.token('assessor') });
    expect(res.status).toBe(403);
    const runs = await h.db.portfolioRuns.find({}).toArray();
    expect((await h.api(`/v1/assessments/${runs[0]!._id}`, { token: await h.token('assessor') })).status).toBe(404);
  });
});

describe('portfolio schedule', () => {
  it('should be created once however many workers apply it; trigger starts exactly one run; pause is visible', async () => {
    const cfg = h.temporalConfig;
    const outcomes = await Promise.all([1, 2, 3].map(() => applyPortfolioSchedule(h.testEnv.client, cfg)));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    const handle = h.testEnv.client.schedule.getHandle(cfg.portfolioSchedule.id);
    try {
      const described = await handle.describe();
      expect(described.policies.overlap).toBe('SKIP');
      expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: cfg.portfolioSchedule.calendar.hour }] });

      const r = await h.api('/v1/portfolio/schedule/trigger', { method: 'POST', token: admin });
      expect(r.status).toBe(200);
      const deadline = Date.now() + 20_000;
      let actions = 0;
      while (Date.now() < deadline) {
        actions = (await handle.describe()).info.recentActions.length;
        if (actions >= 1) break;
        await new Promise((res) => setTimeout(res, 250));
      }
      expect(actions).toBe(1);
      const runId = (await handle.describe()).info.recentActions[0]!.action.workflow.workflowId;
      expect(runId.startsWith('portfolio-reassessment')).toBe(true);
      await h.testEnv.client.workflow.getHandle(runId).result();

      // Backfill: one day of the calendar (one action at the scheduled hour) runs once.
      const day = new Date(Date.UTC(2026, 10, 20));
      const backfill = await h.api('/v1/portfolio/schedule/backfill', {
        method: 'POST',
        token: admin,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ start: day.toISOString(), days: 1 }),
      });
      expect(backfill.status).toBe(200);
      const until = Date.now() + 20_000;
      while (Date.now() < until && (await handle.describe()).info.recentActions.length < 2)
        await new Promise((res) => setTimeout(res, 250));
      expect((await handle.describe()).info.recentActions).toHaveLength(2);

      const paused = await h.api('/v1/portfolio/schedule/pause', { method: 'POST', token: admin });
      expect(((await paused.json()) as { paused: boolean }).paused).toBe(true);
      const resumed = await h.api('/v1/portfolio/schedule/resume', { method: 'POST', token: admin });
      expect(((await resumed.json()) as { paused: boolean }).paused).toBe(false);
      expect((await h.api('/v1/portfolio/schedule', { token: await h.token('viewer') })).status).toBe(403);
    } finally {
      await handle.delete();
    }
  });
});
