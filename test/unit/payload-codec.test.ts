import type { Payload } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { AesGcmCodec } from '../../codec/aes-gcm-codec.js';
import { payloadCodecFrom } from '../../codec/payload-keys.js';
import { parseEnv } from '../../config/env.js';

const key = (fill: number) => Buffer.alloc(32, fill);
const payload: Payload = {
  metadata: { encoding: new TextEncoder().encode('json/plain') },
  data: new TextEncoder().encode('{"facilityId":"fac-00001"}'),
};

describe('AES-256-GCM payload codec', () => {
  it('should round-trip a payload and leave no plaintext in the ciphertext', async () => {
    const codec = new AesGcmCodec(new Map([['k1', key(1)]]), 'k1');
    const [enc] = await codec.encode([payload]);
    expect(Buffer.from(enc!.data!).toString('latin1')).not.toContain('fac-00001');
    expect(new TextDecoder().decode(enc!.metadata!['encryption-key-id'])).toBe('k1');
    const [dec] = await codec.decode([enc!]);
    expect(Buffer.from(dec!.data!).toString()).toBe('{"facilityId":"fac-00001"}');
  });

  it('should rotate keys: new payloads use the active key, old ones still decrypt', async () => {
    const old = new AesGcmCodec(new Map([['k1', key(1)]]), 'k1');
    const rotated = new AesGcmCodec(
      new Map([
        ['k1', key(1)],
        ['k2', key(2)],
      ]),
      'k2',
    );
    const [byOld] = await old.encode([payload]);
    const [byNew] = await rotated.encode([payload]);
    expect(new TextDecoder().decode(byNew!.metadata!['encryption-key-id'])).toBe('k2');
    expect(Buffer.from((await rotated.decode([byOld!]))[0]!.data!).toString()).toContain('fac-00001');
    await expect(old.decode([byNew!])).rejects.toThrow(/unknown key "k2"/);
  });

  it('should detect tampering', async () => {
    const codec = new AesGcmCodec(new Map([['k1', key(1)]]), 'k1');
    const [enc] = await codec.encode([payload]);
    enc!.data![20] = enc!.data![20]! ^ 0xff;
    await expect(codec.decode([enc!])).rejects.toThrow();
  });

  it('should pass unencrypted payloads through decode, and reject bad key configuration', async () => {
    const codec = new AesGcmCodec(new Map([['k1', key(1)]]), 'k1');
    expect(await codec.decode([payload])).toEqual([payload]);
    expect(() => new AesGcmCodec(new Map([['k1', Buffer.alloc(16)]]), 'k1')).toThrow(/32/);
    expect(() => new AesGcmCodec(new Map([['k1', key(1)]]), 'k9')).toThrow(/not among/);
    expect(() => payloadCodecFrom(parseEnv({ MASTERBUS_PROFILE: 'production', JWT_SECRET: 'x'.repeat(32) }))).toThrow(/PAYLOAD_KEYS/);
    expect(() => payloadCodecFrom(parseEnv({ PAYLOAD_KEYS: 'nokey' }))).toThrow(/id/);
  });
});
