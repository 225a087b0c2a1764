import { MongoClient, type CommandStartedEvent, type Db } from 'mongodb';
import type { MongoTls } from '../config/mongodb-tls.js';

export interface Mongo {
  client: MongoClient;
  db: Db;
  close(): Promise<void>;
}

/**
 * Connects with settings that suit both real MongoDB and FerretDB: short server selection so an outage surfaces
 * as an error quickly (activities retry; the API answers 503) instead of hanging requests.
 */
export async function connectMongo(
  url: string,
  dbName: string,
  opts: { appName?: string; onCommand?: ((e: CommandStartedEvent) => void) | undefined; tls?: MongoTls | undefined } = {},
): Promise<Mongo> {
  const client = new MongoClient(url, {
    appName: opts.appName ?? 'masterbus',
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    maxPoolSize: 20,
    ...opts.tls,
    ...(opts.onCommand ? { monitorCommands: true } : {}),
  });
  if (opts.onCommand) client.on('commandStarted', opts.onCommand);
  await client.connect();
  return { client, db: client.db(dbName), close: () => client.close() };
}

/** Duplicate-key: an idempotent upsert lost a race, or a guarded update found its target already further on. */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}
