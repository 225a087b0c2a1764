import { ApiError } from '../errors.js';

/**
 * Runs a call to a backing service; a connection-level failure becomes a 503 in the contract's shape (never a
 * stack trace), anything else propagates as is.
 */
export async function orUnavailable<T>(service: 'MongoDB' | 'Redis' | 'Temporal', call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const name = (err as { name?: string })?.name ?? '';
    const message = (err as Error)?.message ?? String(err);
    const connectionLevel =
      /MongoServerSelectionError|MongoNetworkError|MongoTopologyClosedError|MongoNotConnectedError|ServiceError|ConnectionError|TransportError/.test(
        name,
      ) || /ECONNREFUSED|ECONNRESET|UNAVAILABLE|Connection refused|connect|timed out|DEADLINE_EXCEEDED/i.test(message);
    if (connectionLevel) {
      throw new ApiError('SERVICE_UNAVAILABLE', `${service} is unavailable; try again shortly`, null, { cause: err });
    }
    throw err;
  }
}
