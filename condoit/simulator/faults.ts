import { z } from 'zod';
import { Random, seedFrom } from './random.js';

/** Steady fault-injection knobs, set when the simulator starts. Rates are probabilities per request / record. */
export const zFaultKnobs = z.object({
  latencyMs: z.number().int().min(0).default(0),
  errorRate: z.number().min(0).max(1).default(0),
  rateLimitRate: z.number().min(0).max(1).default(0),
  retryAfterSeconds: z.number().int().min(0).default(1),
  malformedRate: z.number().min(0).max(1).default(0),
});
export type FaultKnobs = z.infer<typeof zFaultKnobs>;

/** A one-shot fault plan posted to /__sim/faults by tests and chaos runs: the next N matching requests fail. */
export const zFaultPlan = z.object({
  failNext: z.number().int().min(1),
  status: z.number().int().min(400).max(599).default(503),
  retryAfterSeconds: z.number().int().min(0).optional(),
  /** Only requests whose path starts with this are affected (default: every API request). */
  pathPrefix: z.string().default('/v1/'),
  /** Instead of answering, wait this long (to exceed a client's timeout). */
  delayMs: z.number().int().min(0).optional(),
  /** Instead of answering, destroy the socket (a connection reset). */
  resetConnection: z.boolean().default(false),
  /** Answer 200 with headers and the first part of a body, then reset the connection (a reset mid-page). */
  truncateBody: z.boolean().default(false),
});
export type FaultPlan = z.infer<typeof zFaultPlan>;

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'status'; status: number; retryAfterSeconds?: number | undefined }
  | { kind: 'delay'; delayMs: number }
  | { kind: 'reset' }
  | { kind: 'truncate' };

export class FaultInjector {
  private plans: FaultPlan[] = [];
  private readonly random: Random;

  constructor(
    private knobs: FaultKnobs,
    seed: number,
  ) {
    this.random = new Random(seedFrom(seed, 'faults'));
  }

  get latencyMs(): number {
    return this.knobs.latencyMs;
  }

  /** Changes steady knobs at run time (tests and chaos runs); unspecified knobs keep their values. */
  setKnobs(patch: Partial<FaultKnobs>): FaultKnobs {
    this.knobs = zFaultKnobs.parse({ ...this.knobs, ...patch });
    return this.knobs;
  }

  add(plan: FaultPlan): void {
    this.plans.push({ ...plan });
  }

  clear(): void {
    this.plans = [];
  }

  decide(path: string): FaultDecision {
    const plan = this.plans.find((p) => path.startsWith(p.pathPrefix) && p.failNext > 0);
    if (plan) {
      plan.failNext -= 1;
      this.plans = this.plans.filter((p) => p.failNext > 0);
      if (plan.resetConnection) return { kind: 'reset' };
      if (plan.truncateBody) return { kind: 'truncate' };
      if (plan.delayMs !== undefined) return { kind: 'delay', delayMs: plan.delayMs };
      return { kind: 'status', status: plan.status, retryAfterSeconds: plan.retryAfterSeconds };
    }
    if (this.knobs.rateLimitRate > 0 && this.random.chance(this.knobs.rateLimitRate)) {
      return { kind: 'status', status: 429, retryAfterSeconds: this.knobs.retryAfterSeconds };
    }
    if (this.knobs.errorRate > 0 && this.random.chance(this.knobs.errorRate)) {
      return { kind: 'status', status: 503 };
    }
    return { kind: 'none' };
  }

  /** Whether record `key` is served malformed: deterministic per record, so reruns see the same bad data. */
  isMalformed(seed: number, key: string): boolean {
    if (this.knobs.malformedRate <= 0) return false;
    return new Random(seedFrom(seed, 'malformed', key)).chance(this.knobs.malformedRate);
  }
}

/** Breaks a record the way real field data breaks: an unknown type, a free-text date, a missing id. */
export function malform<T extends Record<string, unknown>>(record: T, seed: number): Record<string, unknown> {
  const r = new Random(seed);
  const copy: Record<string, unknown> = { ...record };
  switch (r.int(0, 2)) {
    case 0:
      copy['type'] = 'flux_capacitor';
      break;
    case 1:
      copy['install_date'] = 'sometime in the 90s';
      break;
    default:
      delete copy['name'];
  }
  return copy;
}
