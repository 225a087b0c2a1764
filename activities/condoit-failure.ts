import { ApplicationFailure } from '@temporalio/activity';
import { CondoitError } from '../condoit/errors.js';

/**
 * Turns a Condoit failure into the ApplicationFailure Temporal's retry policy acts on: 404s, bad credentials and
 * contract violations are not retryable; 5xx, timeouts and resets are; a 429's Retry-After becomes the next
 * retry delay so we wait exactly as long as Condoit asked.
 */
export function toActivityFailure(err: unknown): unknown {
  if (!(err instanceof CondoitError)) return err;
  return ApplicationFailure.create({
    type: err.type,
    message: err.message,
    nonRetryable: !err.retryable,
    details: [{ status: err.status ?? null }],
    ...(err.retryAfterMs !== undefined ? { nextRetryDelay: err.retryAfterMs } : {}),
    cause: err,
  });
}
