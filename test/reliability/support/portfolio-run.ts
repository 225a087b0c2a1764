import type { FaultSystem } from './fault-system.js';

export interface PortfolioRunJson {
  assessment_id: string;
  status: string;
  counts: { assessed: number; failed: number; skipped: number; listed: number };
  progress: { assessed: number; failed: number; in_flight: number; remaining: number } | null;
  temporal: { workflow_id: string; run_id: string };
}

export async function startPortfolioRun(sys: FaultSystem, force = true): Promise<PortfolioRunJson> {
  const res = await sys.api('/v1/portfolio/assessments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ force }),
  });
  if (res.status !== 202) throw new Error(`portfolio start answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as PortfolioRunJson;
}

/** Completed facility assessments of a portfolio run so far, counted in MongoDB (children carry the run id as start token). */
export function completedChildren(sys: FaultSystem, runId: string): Promise<number> {
  return sys.db.assessments.countDocuments({ start_token: runId, status: 'completed' });
}

export async function waitForPortfolioRun(sys: FaultSystem, runId: string, timeoutMs: number): Promise<PortfolioRunJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await sys.api(`/v1/assessments/${runId}`).catch(() => null);
    if (res?.ok) {
      const body = (await res.json()) as PortfolioRunJson;
      if (['completed', 'failed', 'cancelled'].includes(body.status)) return body;
    }
    if (Date.now() > deadline) throw new Error(`portfolio run ${runId} not finished after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
