/**
 * A facility's contract bodies, rendered from its stored result: the detail and the risks are stored as JSON text
 * and get the 12-month trend that travels on the document — only its points of the result's model version, so a
 * trend never mixes versions (older points are hidden until re-scored); the compliance body is stored as is.
 */
import { pointsOfVersion } from '../domain/served-trend.js';
import type { FacilityCompliance, FacilityDetail, FacilityRisks, TrendPoint } from '../domain/read-models.js';
import type { FacilityResultDoc } from '../store/documents.js';
import type { FacilityResource } from './result-keys.js';

export interface FacilityBodies {
  detail: FacilityDetail;
  risks: FacilityRisks;
  compliance: FacilityCompliance;
}

const trend = (doc: FacilityResultDoc): TrendPoint[] =>
  pointsOfVersion(doc.history, doc.model_version).map(({ month_key: _k, snapshot_id: _s, as_of: _a, ...p }) => p);

export function facilityBody<R extends FacilityResource>(doc: FacilityResultDoc, resource: R): FacilityBodies[R] {
  const bodies: { [K in FacilityResource]: () => FacilityBodies[K] } = {
    detail: () => ({ ...(JSON.parse(doc.detail_json) as Omit<FacilityDetail, 'historical_risk'>), historical_risk: trend(doc) }),
    risks: () => ({ ...(JSON.parse(doc.risks_json) as Omit<FacilityRisks, 'historical_trend'>), historical_trend: trend(doc) }),
    compliance: () => doc.compliance,
  };
  return bodies[resource]();
}
