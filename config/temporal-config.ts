import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { zDuration } from './duration.js';
import { formatZodIssues } from './format-zod-issues.js';

const zRetryPolicy = z.strictObject({
  initialInterval: zDuration,
  backoffCoefficient: z.number().min(1),
  maximumInterval: zDuration,
  /** 0 means unlimited attempts. */
  maximumAttempts: z.number().int().min(0),
  nonRetryableErrorTypes: z.array(z.string()).default([]),
});

const zActivityOptions = z.strictObject({
  startToCloseTimeout: zDuration,
  heartbeatTimeout: zDuration.optional(),
  retry: zRetryPolicy,
});

const activityNames = [
  'fetchFacilitySnapshot',
  'scoreFacilitySnapshot',
  'recordAssessmentStatus',
  'planPortfolioPage',
  'recordPortfolioRun',
  'publishPortfolioSummary',
  'planHistoryRescorePage',
  'rescoreFacilityHistory',
  'emitWebhookEvents',
  'deliverWebhook',
  'recordWebhookDelivery',
] as const;

export const zTemporalConfig = z.strictObject({
  address: z.string().min(1),
  namespace: z.string().min(1),
  taskQueues: z.strictObject({ assessments: z.string().min(1), maxActivitiesPerSecond: z.number().positive().optional() }),
  workflows: z.strictObject({
    assessFacility: z.strictObject({ executionTimeout: zDuration }),
    reassessPortfolio: z.strictObject({
      concurrency: z.number().int().min(1).max(200),
      pageSize: z.number().int().min(1).max(1000),
      continueAsNewAfterEvents: z.number().int().min(20).max(50_000),
      maxRecordedFailures: z.number().int().min(0).max(1000),
    }),
    rescoreHistory: z.strictObject({
      concurrency: z.number().int().min(1).max(64),
      pageSize: z.number().int().min(1).max(1000),
      continueAsNewAfterEvents: z.number().int().min(20).max(50_000),
      maxRecordedFailures: z.number().int().min(0).max(1000),
    }),
  }),
  activities: z.strictObject(
    Object.fromEntries(activityNames.map((n) => [n, zActivityOptions])) as Record<(typeof activityNames)[number], typeof zActivityOptions>,
  ),
  webhooks: z.strictObject({
    /** A subscription's delivery workflow ends after this long without events (the next event starts it again). */
    idleTimeout: zDuration,
    /** Deliveries per workflow run before it continues as new. */
    maxDeliveriesPerRun: z.number().int().min(1).max(10_000),
  }),
  searchAttributes: z.record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'search attribute names are identifiers'),
    z.enum(['Keyword', 'Text', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList']),
  ),
  portfolioSchedule: z.strictObject({
    id: z.string().min(1),
    calendar: z.strictObject({
      hour: z.number().int().min(0).max(23),
      minute: z.number().int().min(0).max(59),
      dayOfWeek: z.array(z.enum(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'])).optional(),
    }),
    timeZone: z.string().min(1),
    overlap: z.enum(['SKIP', 'BUFFER_ONE', 'BUFFER_ALL', 'CANCEL_OTHER', 'TERMINATE_OTHER', 'ALLOW_ALL']),
    catchupWindow: zDuration,
    jitter: zDuration,
  }),
});

export type TemporalConfig = z.infer<typeof zTemporalConfig>;
export type ActivityName = (typeof activityNames)[number];
export type ActivityConfig = z.infer<typeof zActivityOptions>;

export const defaultTemporalConfigPath = fileURLToPath(new URL('../temporal.config.yaml', import.meta.url));

export class TemporalConfigError extends Error {
  override name = 'TemporalConfigError';
}

/** Parses and validates temporal.config.yaml text; errors name the offending field ("activities.x.retry..."). */
export function parseTemporalConfig(text: string, source = 'temporal.config.yaml'): TemporalConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new TemporalConfigError(`${source}: not valid YAML: ${(err as Error).message}`);
  }
  const parsed = zTemporalConfig.safeParse(raw);
  if (!parsed.success) throw new TemporalConfigError(`${source}: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}

export function loadTemporalConfig(
  path = defaultTemporalConfigPath,
  overrides: { address?: string | undefined; namespace?: string | undefined } = {},
): TemporalConfig {
  const config = parseTemporalConfig(readFileSync(path, 'utf8'), path);
  return {
    ...config,
    address: overrides.address ?? config.address,
    namespace: overrides.namespace ?? config.namespace,
  };
}
