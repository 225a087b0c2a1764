import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * A Redis connection that never blocks its callers: while Redis is down, commands fail at once (no offline
 * queue) and the client keeps reconnecting in the background, so the cache resumes without a restart.
 */
export async function connectRedis(url: string, onError: (err: Error) => void = () => {}, opts: { waitForConnection?: boolean } = {}): Promise<RedisClient> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
  });
  client.on('error', onError);
  // The API starts without Redis (it is an accelerator); workers wait, since they must publish invalidations.
  if (opts.waitForConnection === false) client.connect().catch(onError);
  else await client.connect();
  return client;
}
