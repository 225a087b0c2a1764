import { createClient } from 'redis';
import type { RedisAuth } from '../config/redis-auth.js';
import type { RedisTls } from '../config/redis-tls.js';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A Redis connection that never blocks its callers: while Redis is down, commands fail at once (no offline
 * queue) and the client keeps reconnecting in the background, so the cache resumes without a restart.
 */
export async function connectRedis(
  url: string,
  onError: (err: Error) => void = () => {},
  opts: { waitForConnection?: boolean; tls?: RedisTls | undefined; auth?: RedisAuth } = {},
): Promise<RedisClient> {
  const reconnect = { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) };
  const client = createClient({
    url,
    ...opts.auth,
    disableOfflineQueue: true,
    // A rediss:// URL switches TLS on; the CA and client certificate (REDIS_TLS_*) ride on the socket options.
    socket: opts.tls ? { ...reconnect, tls: true, ...opts.tls } : reconnect,
  });
  client.on('error', onError);
  // The API starts without Redis (it is an accelerator); workers wait, since they must publish invalidations.
  if (opts.waitForConnection === false) client.connect().catch(onError);
  else await client.connect();
  return client;
}
