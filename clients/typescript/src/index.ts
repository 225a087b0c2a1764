/**
 * The typed MasterBus client for consumers (ThreatMap and others): every route and body typed from the API's own
 * OpenAPI document (schema.ts, generated), requests through openapi-fetch, the bearer token on each request, a
 * polling helper for assessments and the webhook signature verifier.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };
export { verifyWebhookSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER, DEFAULT_TOLERANCE_SECONDS } from './webhook-signature.js';
export type { VerifyResult } from './webhook-signature.js';

export type MasterBusClient = Client<paths>;

export interface ClientOptions {
  /** The API's origin, e.g. https://masterbus.example.com */
  baseUrl: string;
  /** A JWT, or a function returning a current one (called for every request: refresh it there). */
  token: string | (() => string | Promise<string>);
  fetch?: typeof globalThis.fetch;
}

export function createMasterBusClient(o: ClientOptions): MasterBusClient {
  const client = createClient<paths>({ baseUrl: o.baseUrl, ...(o.fetch ? { fetch: o.fetch } : {}) });
  client.use({
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${typeof o.token === 'function' ? await o.token() : o.token}`);
      return request;
    },
  });
  return client;
}

type AssessmentBody = paths['/v1/assessments/{assessment_id}']['get']['responses'][200]['content']['application/json'];
const FINAL = new Set(['completed', 'failed', 'cancelled']);

export class MasterBusError extends Error {
  override name = 'MasterBusError';
  constructor(
    message: string,
    readonly status: number,
    /** The contract's error body ({ error: { code, message, request_id } }) when the API sent one. */
    readonly body: unknown,
  ) {
    super(message);
  }
}

/**
 * Polls an assessment (a facility's or a portfolio run) until it is completed, failed or cancelled, and returns
 * that final state. Waits `intervalMs` between polls (or the API's Retry-After when it rate-limits); gives up after
 * `timeoutMs`, or when `signal` aborts.
 */
export async function waitForAssessment(
  client: MasterBusClient,
  assessmentId: string,
  o: { intervalMs?: number; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<AssessmentBody> {
  const deadline = Date.now() + (o.timeoutMs ?? 600_000);
  for (;;) {
    o.signal?.throwIfAborted();
    const { data, error, response } = await client.GET('/v1/assessments/{assessment_id}', {
      params: { path: { assessment_id: assessmentId } },
      ...(o.signal ? { signal: o.signal } : {}),
    });
    let waitMs = o.intervalMs ?? 1_000;
    if (data) {
      if (FINAL.has(data.status)) return data;
    } else if (response.status === 429) {
      waitMs = Math.max(waitMs, Number(response.headers.get('retry-after') ?? 1) * 1000);
    } else {
      throw new MasterBusError(`GET /v1/assessments/${assessmentId}: ${response.status}`, response.status, error);
    }
    if (Date.now() + waitMs > deadline) throw new MasterBusError(`assessment ${assessmentId} not finished in time`, 0, data ?? null);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}
