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
