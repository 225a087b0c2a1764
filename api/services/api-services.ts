import type { AssessmentService } from './assessment-service.js';
import type { CondoitClient } from '../../condoit/client.js';
import type { ResultsReader } from './results-reader.js';
import type { ReadinessProbe } from './readiness.js';

/** What routes use; built once at start-up (api/main.ts, tests) and injected into the app. */
export interface ApiServices {
  assessments: AssessmentService;
  results: ResultsReader;
  /** Condoit, for proxied photos. */
  photos: Pick<CondoitClient, 'photo'>;
  readiness: ReadinessProbe;
}
