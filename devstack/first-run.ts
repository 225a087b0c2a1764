/**
 * The first run of `npm start` on an empty store: nothing is assessed yet, so ThreatMap's first call
 * (`GET /v1/facilities`) would list nothing until someone guesses a facility id. This starts one portfolio
 * assessment through the API (a run operators see in the Temporal UI) so the list fills within a minute; on a
 * store that holds any assessment it does nothing.
 */
export interface FirstRunOutcome {
  started: boolean;
  /** The portfolio run's assessment id and Temporal workflow id, when one was started. */
  assessmentId?: string;
  workflowId?: string;
}

export async function assessPortfolioOnFirstRun(apiUrl: string, adminToken: string): Promise<FirstRunOutcome> {
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${apiUrl}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, ...init.headers } });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const facilities = (await call('/v1/facilities?limit=1')) as { total: number };
  const assessments = (await call('/v1/assessments?limit=1')) as { total: number };
  if (facilities.total > 0 || assessments.total > 0) return { started: false };
  const run = (await call('/v1/portfolio/assessments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': 'first-run-portfolio' },
    body: JSON.stringify({ force: false }),
  })) as { assessment_id: string; temporal: { workflow_id: string } };
  return { started: true, assessmentId: run.assessment_id, workflowId: run.temporal.workflow_id };
}
