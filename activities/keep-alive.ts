import { Context } from '@temporalio/activity';

/** How often a running activity tells Temporal it is alive (the SDK throttles to 80 % of the heartbeat timeout). */
const KEEP_ALIVE_MS = 1_000;

type AnyActivity = (...args: never[]) => Promise<unknown>;

/**
 * Wraps activities so each heartbeats while it runs. With a heartbeat timeout configured, a worker that dies
 * mid-activity (SIGKILL, OOM, lost host) is noticed within that timeout and the activity retried elsewhere —
 * instead of after its whole start-to-close timeout — while a slow but healthy activity (a big facility, a busy
 * database) is never cut short. Activities that heartbeat progress themselves keep doing so.
 */
export function withKeepAlive<T extends Record<string, AnyActivity>>(activities: T): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, fn]) => [
      name,
      async (...args: never[]) => {
        const ctx = Context.current();
        const timer = setInterval(() => ctx.heartbeat(), KEEP_ALIVE_MS);
        try {
          return await fn(...args);
        } finally {
          clearInterval(timer);
        }
      },
    ]),
  ) as T;
}
