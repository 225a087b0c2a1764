/**
 * Hostile input, schema-driven (issue #6): Schemathesis generates requests from the published OpenAPI document
 * — valid ones, invalid ones, undeclared methods, missing auth — and runs every one of its checks on the answers
 * (server errors, status codes, content types, response headers, response schemas, negative data rejected,
 * positive data accepted, auth not ignored, Allow on 405...). The API runs in this process over loopback against
 * the real Temporal, FerretDB and Redis; some facilities are assessed first so reads hit real data.
 *
 * Nothing is excluded: every operation and every check runs. The schedule is applied with a weekly calendar
 * (not the production daily one) only so that fuzzed backfills start at most a handful of portfolio runs each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { projectRoot } from '../../devstack/paths.js';
import { applyPortfolioSchedule } from '../../temporal-admin/portfolio-schedule.js';
import { zErrorBody } from '../../contract/error-body.js';
import { startHarness, type AssessmentJson, type Harness } from '../support/harness.js';
import { recordTrial } from '../support/reliability-log.js';
import { headerOf, runSchemathesis, type HarEntry } from '../support/schemathesis.js';
import { auditEntriesOf } from '../support/audit-entries.js';

/**
 * One pass (~19 operations × 4 phases, 25 cases each) is ~900 requests; Schemathesis repeats its fuzzing and
 * stateful phases until its time budget is spent, so the run takes ~150 s and sends well over 1,000 requests on
 * this 2-core machine. The hard bound only catches an overrun.
 */
const MAX_EXAMPLES = 25;
const BUDGET_SECONDS = 150;
const MIN_REQUESTS = 1_000;
const TIME_BOUND_MS = 178_000;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ shape: { facilityCount: 6, equipmentMin: 6, equipmentMax: 14 } });
  for (const id of ['fac-00001', 'fac-00002', 'fac-00003']) {
    const started = (await (await h.api(`/v1/facilities/${id}/assessments`, { method: 'POST' })).json()) as AssessmentJson;
    expect((await h.waitForAssessment(started.assessment_id)).status).toBe('completed');
  }
  const schedule = {
    ...h.temporalConfig.portfolioSchedule,
    calendar: { ...h.temporalConfig.portfolioSchedule.calendar, dayOfWeek: ['SUNDAY' as const] },
  };
  await applyPortfolioSchedule(h.testEnv.client, { ...h.temporalConfig, portfolioSchedule: schedule });
});

afterAll(async () => {
  if (!h) return;
  const client = h.testEnv.client;
  await client.schedule
    .getHandle(h.temporalConfig.portfolioSchedule.id)
    .delete()
    .catch(() => undefined);
  // The fuzzed starts leave runs behind on this file's task queue, which no worker will serve after close().
  const open = client.workflow.list({ query: `TaskQueue = "${h.temporalConfig.taskQueues.assessments}" AND ExecutionStatus = "Running"` });
  for await (const wf of open)
    await client.workflow
      .getHandle(wf.workflowId, wf.runId)
      .terminate('schemathesis test finished')
      .catch(() => undefined);
  await h.close();
});

function route(e: HarEntry): string {
  return `${e.request.method} ${new URL(e.request.url).pathname.replace(/\/v1\/(facilities|assessments|equipment|photos)\/[^/]+/, '/v1/$1/{id}')}`;
}

/** An error answer that breaks the contract: not the one JSON shape, or a request id other than the header's. */
function contractBreach(e: HarEntry): string | null {
  if (e.response.status < 400) return null;
  const text = e.response.content.text ?? '';
  if (e.request.method === 'HEAD') return null; // no body by definition
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return `${route(e)} → ${e.response.status}: not JSON: ${text.slice(0, 120)}`;
  }
  const body = zErrorBody.safeParse(parsed);
  if (!body.success) return `${route(e)} → ${e.response.status}: not the error shape: ${text.slice(0, 120)}`;
  if (body.data.error.request_id !== headerOf(e.response.headers, 'x-request-id'))
    return `${route(e)} → ${e.response.status}: request_id differs from X-Request-Id`;
  if (/\bat .+:\d+:\d+\)?/.test(text)) return `${route(e)} → ${e.response.status}: stack trace in the body`;
  return null;
}

describe('schema-driven fuzzing with Schemathesis', () => {
  it(
    `should answer at least ${MIN_REQUESTS} generated requests with no 5xx, no schema violation and no failed check`,
    async () => {
      const started = new Date();
      const run = await runSchemathesis({
        schemaUrl: `${h.apiUrl}/v1/openapi.json`,
        headers: { Authorization: `Bearer ${await h.token('admin')}` },
        maxExamples: MAX_EXAMPLES,
        maxTimeSeconds: BUDGET_SECONDS,
        workers: 2,
        seed: 6,
        timeoutMs: TIME_BOUND_MS,
        reportDir: join(projectRoot, '.data', 'schemathesis'),
      });
      const elapsed = Date.now() - started.getTime();
      const serverErrors = run.requests.filter((e) => e.response.status >= 500).map((e) => `${route(e)} → ${e.response.status}`);
      const schemaViolations = run.report.failures.filter((f) =>
        ['JsonSchemaError', 'MalformedJson', 'DiscriminatorMismatch'].includes(f.type),
      );
      const breaches = run.requests.map(contractBreach).filter((b): b is string => b !== null);
      const statuses = new Map<number, number>();
      for (const e of run.requests) statuses.set(e.response.status, (statuses.get(e.response.status) ?? 0) + 1);
      console.log(
        `[schemathesis] ${run.requests.length} requests in ${(elapsed / 1000).toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; phases ${JSON.stringify(run.report.phases)}`,
      );

      const detail = `\n${run.output.slice(-6000)}`;
      expect(run.report.errors, detail).toEqual([]);
      expect(run.report.failures, detail).toEqual([]);
      // A warning (auth not taking, too few valid inputs, rate limited) would mean the run did not test what it claims.
      expect(
        Object.entries(run.report.warnings).filter(([, list]) => list.length > 0),
        detail,
      ).toEqual([]);
      expect(schemaViolations).toEqual([]);
      expect(serverErrors).toEqual([]);
      expect(breaches.slice(0, 20)).toEqual([]);
      expect(run.report.complete).toBe(true);
      expect(run.exitCode, detail).toBe(0);
      expect(run.report.operations?.tested).toBe(run.report.operations?.selected);
      expect(run.report.operations?.selected).toBeGreaterThanOrEqual(19);
      expect(run.requests.length).toBeGreaterThanOrEqual(MIN_REQUESTS);
      // Every generated kind of answer happened: success on real data, rejection of bad input, refused auth, 405.
      for (const status of [200, 202, 400, 401, 404, 405]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(0);

      // The server's own account (the audit log of every /v1 request) agrees: as many requests, none a 5xx.
      await h.apiServices.auditLog.flush();
      const since = await auditEntriesOf(h.db, {}, started);
      const audited = since.filter((e) => e.subject === 'test-admin').length;
      const audited5xx = since.filter((e) => e.status >= 500).length;
      expect(audited5xx).toBe(0);
      expect(audited).toBeGreaterThanOrEqual(MIN_REQUESTS * 0.9);

      recordTrial({
        kind: 'attack',
        name: 'Schemathesis fuzzing of the OpenAPI document (all checks)',
        tries: run.requests.length,
        survived: run.requests.length - serverErrors.length - breaches.length,
        lost: serverErrors.length + schemaViolations.length,
        note: `${run.report.test_cases.generated} cases, ${run.report.operations?.tested} operations, ${(elapsed / 1000).toFixed(0)} s`,
      });
    },
    TIME_BOUND_MS + 30_000,
  );
});
