/**
 * `npm start` on an empty store (devstack/first-run.ts): ThreatMap's first `GET /v1/facilities` must not stay
 * empty until someone guesses a facility id — the first start assesses the portfolio once; later starts do not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessPortfolioOnFirstRun } from '../../devstack/first-run.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ shape: { facilityCount: 4, equipmentMin: 3, equipmentMax: 6 } });
});
afterAll(async () => {
  await h?.close();
});

describe('first run of npm start', () => {
  it('should start one portfolio assessment on an empty store, which fills the facility list, and none once anything is assessed', async () => {
    const admin = await h.token('admin');
    const facilities = async () => ((await (await h.api('/v1/facilities', { token: admin })).json()) as { total: number }).total;
    expect(await facilities()).toBe(0);

    const first = await assessPortfolioOnFirstRun(h.apiUrl, admin);
    expect(first.started).toBe(true);
    expect(first.workflowId).toBeTruthy();
    let status = '';
    for (const deadline = Date.now() + 120_000; Date.now() < deadline && !['completed', 'failed'].includes(status);) {
      await new Promise((r) => setTimeout(r, 250));
      status = ((await (await h.api(`/v1/assessments/${first.assessmentId}`, { token: admin })).json()) as { status: string }).status;
    }
    expect(status).toBe('completed');
    expect(await facilities()).toBe(4);

    // The next start finds assessments: nothing more is started.
    expect(await assessPortfolioOnFirstRun(h.apiUrl, admin)).toEqual({ started: false });
    const portfolioRuns: string[] = [];
    const query = `TaskQueue = '${h.temporalConfig.taskQueues.assessments}' AND WorkflowType = 'reassessPortfolio'`;
    for await (const w of h.testEnv.client.workflow.list({ query })) portfolioRuns.push(w.workflowId);
    expect(portfolioRuns).toEqual([first.workflowId]);
  }, 180_000);
});
