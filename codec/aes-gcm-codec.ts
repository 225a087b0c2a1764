/**
 * AES-256-GCM payload codec: every payload Temporal stores (workflow inputs, activity results — Condoit-derived
 * data) is encrypted by the client or worker before it leaves the process, so Temporal's history holds
 * ciphertext. The key id travels in the payload's metadata; old keys stay configured for decryption, so keys
 * rotate by adding a new id and making it active.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const { Payload: PayloadMessage } = proto.temporal.api.common.v1;
const enc = new TextEncoder();
const dec = new TextDecoder();

export class PayloadKeyError extends Error {
  override name = 'PayloadKeyError';
}

export class AesGcmCodec implements PayloadCodec {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    const active = keys.get(activeKeyId);
    if (!active) throw new PayloadKeyError(`active payload key "${activeKeyId}" is not among the configured keys`);
    for (const [id, key] of keys)
      if (key.length !== 32) throw new PayloadKeyError(`payload key "${id}" is ${key.length} bytes; AES-256 needs 32`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.activeKeyId)!;
    return payloads.map((p) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(enc.encode(this.activeKeyId));
      const body = Buffer.concat([cipher.update(PayloadMessage.encode(p).finish()), cipher.final()]);
      return {
        metadata: { encoding: enc.encode(ENCODING), [KEY_ID]: enc.encode(this.activeKeyId) },
        data: new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()])),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (!p.metadata?.['encoding'] || dec.decode(p.metadata['encoding']) !== ENCODING) return p;
      const keyIdBytes = p.metadata[KEY_ID];
      const keyId = keyIdBytes ? dec.decode(keyIdBytes) : '';
      const key = this.keys.get(keyId);
      if (!key) throw new PayloadKeyError(`payload encrypted with unknown key "${keyId}"`);
      const data = Buffer.from(p.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAAD(enc.encode(keyId));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return PayloadMessage.decode(plain) as Payload;
    });
  }
}
