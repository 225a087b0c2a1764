import { MODEL_VERSION } from '../domain/model-table.js';

/**
 * Cache keys for facility results. Resource keys carry the model version and the facility's assessment id, so a
 * new assessment (or model) is a new key and can never be served stale; only the small pointer from a facility to
 * its current assessment is overwritten when an assessment completes.
 */
export type FacilityResource = 'detail' | 'risks' | 'compliance';

/**
 * Which assessment is a facility's current one. It carries no organisation: access is never decided from what the
 * shared cache says (the facility directory, results/facility-directory.ts).
 */
export interface FacilityPointer {
  assessment_id: string;
}

export const resultKeys = {
  pointer: (facilityId: string) => `v1:ptr:${facilityId}`,
  resource: (resource: FacilityResource, facilityId: string, assessmentId: string) =>
    `v1:${MODEL_VERSION}:${resource}:${facilityId}:${assessmentId}`,
};
