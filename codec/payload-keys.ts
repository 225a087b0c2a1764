import type { DataConverter } from '@temporalio/common';
import { isProduction, type Env } from '../config/env.js';
import { AesGcmCodec } from './aes-gcm-codec.js';

/** The development key (32 bytes): laptops and tests only; production must configure PAYLOAD_KEYS. */
const DEV_KEY = Buffer.from('masterbus-dev-payload-key-32byte').toString('base64');

/** PAYLOAD_KEYS="id1:base64key,id2:base64key", PAYLOAD_KEY_ID=id2 (the one new payloads use). */
export function payloadCodecFrom(env: Env): AesGcmCodec {
  const production = isProduction(env);
  if (!env.PAYLOAD_KEYS && production) throw new Error('PAYLOAD_KEYS must be set in production');
  const spec = env.PAYLOAD_KEYS ?? `dev:${DEV_KEY}`;
  const keys = new Map<string, Buffer>();
  const devKey = Buffer.from(DEV_KEY, 'base64');
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = part.indexOf(':');
    if (i <= 0) throw new Error('PAYLOAD_KEYS: each entry is "<key id>:<base64 key>"');
    const key = Buffer.from(part.slice(i + 1), 'base64');
    // The development key is public (it is in this file): in production it would seal nothing.
    if (production && key.equals(devKey))
      throw new Error(`PAYLOAD_KEYS: key "${part.slice(0, i)}" is the published development key: refused in production`);
    if (production && new Set(key).size < 16)
      throw new Error(`PAYLOAD_KEYS: key "${part.slice(0, i)}" is not random (fewer than 16 distinct bytes): refused in production`);
    keys.set(part.slice(0, i), key);
  }
  return new AesGcmCodec(keys, env.PAYLOAD_KEY_ID ?? [...keys.keys()].at(-1)!);
}

export function dataConverterFrom(env: Env): DataConverter {
  return { payloadCodecs: [payloadCodecFrom(env)] };
}
