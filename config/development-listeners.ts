/**
 * The development and test profiles run on well-known secrets and keys: they may listen on loopback only, so a
 * machine that forgets to say "production" never serves those defaults to its network.
 */
import { isIP } from 'node:net';
import type { Env } from './env.js';

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1';
}

/** Throws, naming the variable, when a non-production process would listen beyond loopback. */
export function assertLoopbackOutsideProduction(
  env: Pick<Env, 'MASTERBUS_PROFILE' | 'API_HOST' | 'METRICS_HOST'>,
  names: readonly ('API_HOST' | 'METRICS_HOST')[],
): void {
  if (env.MASTERBUS_PROFILE === 'production') return;
  for (const name of names) {
    if (!isLoopbackHost(env[name])) {
      throw new Error(
        `${name}=${env[name]}: the ${env.MASTERBUS_PROFILE} profile (development secrets and keys) listens on loopback only; set MASTERBUS_PROFILE=production with real secrets to listen on ${env[name]}`,
      );
    }
  }
}
