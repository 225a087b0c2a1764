/**
 * Signing secrets: generated here, shown to the caller once, stored sealed with the same AES-256-GCM keys as
 * Temporal payloads (PAYLOAD_KEYS; a database dump alone does not let anyone forge deliveries).
 */
import { randomBytes } from 'node:crypto';
import proto from '@temporalio/proto';
import type { AesGcmCodec } from '../codec/aes-gcm-codec.js';

const { Payload } = proto.temporal.api.common.v1;

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export class SecretBox {
  constructor(private readonly codec: AesGcmCodec) {}

  async seal(secret: string): Promise<string> {
    const [sealed] = await this.codec.encode([{ metadata: {}, data: new TextEncoder().encode(secret) }]);
    return Buffer.from(Payload.encode(sealed!).finish()).toString('base64');
  }

  async open(sealed: string): Promise<string> {
    const [plain] = await this.codec.decode([Payload.decode(Buffer.from(sealed, 'base64'))]);
    return new TextDecoder().decode(plain!.data ?? new Uint8Array());
  }
}
