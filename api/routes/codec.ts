/**
 * The remote codec endpoint for the Temporal UI (POST /codec/decode, /codec/encode): operators see decrypted
 * payloads in the UI only when they present an admin token (the UI's "pass access token" setting). CORS admits
 * only the configured UI origin. Development may allow anonymous use (CODEC_ALLOW_ANONYMOUS=true, npm start).
 * Like /v1, every authenticated call is audited and rate-limited (api/app.ts).
 */
import type { PayloadCodec } from '@temporalio/common';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { z } from 'zod';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { globalAdminRefusal, isGlobalAdmin } from '../security/principal.js';

const zPayloads = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()).default({}), data: z.string().default('') })).max(1_000),
});

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

export interface CodecRouteOptions {
  codec: PayloadCodec;
  /** Authenticates and applies the principal's rate limit (a refused token spends its address's budget). */
  authenticate: MiddlewareHandler<ApiEnv>;
  /** Spends the client address's budget of requests without a token (anonymous development use). */
  countUnauthenticated: (c: Context<ApiEnv>) => Promise<void>;
  uiOrigin: string;
  allowAnonymous: boolean;
  /** Outside production, pass plaintext payloads through decode; in production they are refused (forged or downgraded). */
  allowPlaintext?: boolean;
}

const ENCRYPTED = Buffer.from('binary/encrypted').toString('base64');

export function registerCodec(app: Hono<ApiEnv>, o: CodecRouteOptions): void {
  app.use(
    '/codec/*',
    cors({
      origin: o.uiOrigin,
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
      credentials: true,
      maxAge: 600,
    }),
  );
  app.use('/codec/*', async (c, next) => {
    if (o.allowAnonymous && !c.req.header('authorization')) {
      await o.countUnauthenticated(c);
      return next();
    }
    await o.authenticate(c, async () => {
      const p = c.get('principal');
      if (!isGlobalAdmin(p))
        throw new ApiError('FORBIDDEN', 'Decoding payloads needs the admin role with access to every facility', globalAdminRefusal(p));
      await next();
    });
  });
  for (const op of ['encode', 'decode'] as const) {
    app.post(`/codec/${op}`, async (c) => {
      const body = zPayloads.safeParse(await c.req.json().catch(() => null));
      if (!body.success)
        throw new ApiError(
          'VALIDATION_ERROR',
          'Expected {"payloads": [{"metadata": {...}, "data": "<base64>"}]}',
          body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      if (op === 'decode' && !o.allowPlaintext) {
        const plain = body.data.payloads.findIndex((p) => p.metadata['encoding'] !== ENCRYPTED);
        if (plain >= 0)
          throw new ApiError(
            'VALIDATION_ERROR',
            'Only encrypted payloads are decoded',
            `payloads.${plain}: not encrypted by MasterBus (plaintext is refused in production)`,
          );
      }
      const input = body.data.payloads.map((p) => ({
        metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, unb64(v)])),
        data: unb64(p.data),
      }));
      let out;
      try {
        out = await o.codec[op](input);
      } catch (err) {
        throw new ApiError('VALIDATION_ERROR', `Could not ${op} the payloads`, (err as Error).message);
      }
      return c.json({
        payloads: out.map((p) => ({
          metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v as Uint8Array)])),
          data: b64(p.data ?? new Uint8Array()),
        })),
      });
    });
  }
}
