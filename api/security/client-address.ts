import type { Context } from 'hono';

/**
 * The address a request came from: the TCP peer, or — behind `trustedProxyHops` reverse proxies that each append
 * the address they received from to X-Forwarded-For — the entry that many places from the end of that header (the
 * entries before it are whatever the client wrote, so they are never trusted). 'unknown' when neither is known
 * (in-process requests in tests).
 */
export function clientAddress(c: Context, trustedProxyHops = 0): string {
  if (trustedProxyHops > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const forwarded = hops[hops.length - trustedProxyHops];
    if (forwarded) return forwarded.slice(0, 64);
  }
  const bindings = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return bindings?.socket?.remoteAddress ?? 'unknown';
}
