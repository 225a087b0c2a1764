import type { AssessmentService } from './assessment-service.js';
import type { FacilityRisksReader } from './facility-risks-reader.js';
import type { ReadinessProbe } from './readiness.js';

/** What routes use; built once at start-up (api/main.ts, tests) and injected into the app. */
export interface ApiServices {
  assessments: AssessmentService;
  risks: FacilityRisksReader;
  readiness: ReadinessProbe;
}
