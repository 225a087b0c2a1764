/**
 * Typed Condoit failures. `type` is the name Temporal sees (ApplicationFailure type, matched by the retry policy's
 * nonRetryableErrorTypes in temporal.config.yaml); `retryable` says whether trying again can help.
 */
export type CondoitErrorType =
  | 'CondoitNotFound'
  | 'CondoitUnauthorized'
  | 'CondoitBadRequest'
  | 'CondoitContractViolation'
  | 'CondoitRateLimited'
  | 'CondoitUnavailable'
  | 'CondoitTimeout'
  | 'CondoitNetworkError';

export class CondoitError extends Error {
  override name = 'CondoitError';
  constructor(
    readonly type: CondoitErrorType,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    /** From a 429's Retry-After: how long Condoit asked us to wait. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function errorForStatus(status: number, url: string, body: string, retryAfter: string | null): CondoitError {
  const detail = body.slice(0, 300);
  if (status === 404) return new CondoitError('CondoitNotFound', `Condoit has no ${url} (404)`, false, status);
  if (status === 401 || status === 403)
    return new CondoitError('CondoitUnauthorized', `Condoit refused our credentials for ${url} (${status})`, false, status);
  if (status === 429)
    return new CondoitError('CondoitRateLimited', `Condoit rate-limited ${url} (429)`, true, status, parseRetryAfter(retryAfter));
  if (status >= 500) return new CondoitError('CondoitUnavailable', `Condoit answered ${status} for ${url}: ${detail}`, true, status);
  return new CondoitError('CondoitBadRequest', `Condoit rejected ${url} (${status}): ${detail}`, false, status);
}
