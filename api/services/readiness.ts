export interface DependencyStatus {
  ok: boolean;
  latency_ms: number;
  error?: string;
}

export type ReadinessProbe = () => Promise<Record<'mongodb' | 'redis' | 'temporal', DependencyStatus>>;

/** Times one dependency check, bounded so a hung service reads as down rather than hanging the probe. */
export async function checkDependency(check: () => Promise<unknown>, timeoutMs = 2_000): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latency_ms: Math.round(performance.now() - started) };
  } catch (err) {
    return { ok: false, latency_ms: Math.round(performance.now() - started), error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /readyz is unauthenticated, and each probe makes a round trip to MongoDB, Redis and Temporal: callers within
 * `ttlMs` of a probe (default 1 s) share its answer, and concurrent callers share one probe in flight, so a flood
 * of probes costs the backends at most one check each per `ttlMs`. A change of state shows within `ttlMs` plus the
 * probe's own time.
 */
export function cachedProbe(probe: ReadinessProbe, ttlMs = 1_000, now: () => number = () => performance.now()): ReadinessProbe {
  let last: { at: number; answer: Promise<Awaited<ReturnType<ReadinessProbe>>> } | null = null;
  return () => {
    const t = now();
    if (last && t - last.at < ttlMs) return last.answer;
    const current = { at: t, answer: probe() };
    last = current;
    // The clock of a probe starts when it answers, so a slow probe is not followed at once by another.
    void current.answer.then(
      () => {
        current.at = now();
      },
      () => {
        if (last === current) last = null;
      },
    );
    return current.answer;
  };
}
