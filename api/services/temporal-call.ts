import type { Client } from '@temporalio/client';
import { orUnavailable } from './unavailable.js';

/**
 * How long an API request waits on Temporal. The client otherwise retries an unreachable server for about
 * 20 s; a caller (ThreatMap, a load balancer) is better served by a prompt 503 it can retry.
 */
export const TEMPORAL_CALL_TIMEOUT_MS = 5_000;

/** Runs a Temporal client call with a deadline; unreachable or too slow becomes the contract's 503. */
export function temporalCall<T>(client: Client, call: () => Promise<T>, timeoutMs = TEMPORAL_CALL_TIMEOUT_MS): Promise<T> {
  return orUnavailable('Temporal', () => client.withDeadline(Date.now() + timeoutMs, call));
}
