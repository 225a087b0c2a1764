import type { AssessmentService } from './assessment-service.js';
import type { CondoitClient } from '../../condoit/client.js';
import type { ResultsReader } from './results-reader.js';
import type { PortfolioService } from './portfolio-service.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { RateLimiter } from '../security/rate-limiter.js';
import type { ReadinessProbe } from './readiness.js';
import type { WebhookService } from './webhook-service.js';

/** What routes use; built once at start-up (api/main.ts, tests) and injected into the app. */
export interface ApiServices {
  assessments: AssessmentService;
  results: ResultsReader;
  portfolio: PortfolioService;
  webhooks: WebhookService;
  /** Condoit, for proxied photos. */
  photos: Pick<CondoitClient, 'photo'>;
  readiness: ReadinessProbe;
  rateLimiter: RateLimiter;
  /** Absent only in unit tests that do not look at auditing. */
  audit?: Pick<AuditLog, 'record'> & Partial<Pick<AuditLog, 'accepting'>>;
}
