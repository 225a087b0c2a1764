/**
 * Attribute names MasterBus puts on its spans, beside OpenTelemetry's own (http.*, url.*). Plain constants with no
 * imports: the API, the activities and the workflow sandbox all use them.
 */
export const spanAttr = {
  requestId: 'masterbus.request_id',
  facilityId: 'masterbus.facility_id',
  assessmentId: 'masterbus.assessment_id',
  portfolioRunId: 'masterbus.portfolio_run_id',
} as const;

/** The ids an activity's or workflow's first argument carries (AssessmentRef, PortfolioRunRef), when it has them. */
export function idsOfArgument(arg: unknown): Record<string, string> {
  if (typeof arg !== 'object' || arg === null) return {};
  const ref = arg as Record<string, unknown>;
  const out: Record<string, string> = {};
  if (typeof ref.facilityId === 'string') out[spanAttr.facilityId] = ref.facilityId;
  if (typeof ref.assessmentId === 'string') out[spanAttr.assessmentId] = ref.assessmentId;
  if (typeof ref.portfolioRunId === 'string') out[spanAttr.portfolioRunId] = ref.portfolioRunId;
  return out;
}
