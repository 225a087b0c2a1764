import type { Context, TypedResponse } from 'hono';
import type { ApiEnv } from './api-env.js';
import { ApiError } from './errors.js';
import type { Read } from './services/results-reader.js';
import { respondWithRecord, setResponseHeader } from './response-headers.js';

/** Cache-Control for assessment results: private (per-caller policy), briefly fresh, then revalidate by ETag. */
export const RESULT_CACHE_CONTROL = 'private, max-age=30, must-revalidate';

export function notFound(facilityId: string): ApiError {
  return new ApiError('RESOURCE_NOT_FOUND', `Facility ${facilityId} not found`);
}

/**
 * Turns a cached read into the HTTP answer: 404 (not visible — same as missing), 404 NO_ASSESSMENT_YET, 304 when
 * the caller's ETag matches, else the body with ETag, Cache-Control and X-Cache.
 */
export function unwrapRead(
  c: Context<ApiEnv>,
  facilityId: string,
  read: Read,
): { json: string | Uint8Array<ArrayBuffer> } | { notModified: true } {
  if (read.kind === 'not_visible') throw notFound(facilityId);
  if (read.kind === 'not_assessed') {
    throw new ApiError(
      'NO_ASSESSMENT_YET',
      `Facility ${facilityId} has no completed assessment yet`,
      `Start one with POST /v1/facilities/${facilityId}/assessments`,
    );
  }
  setResponseHeader(c, 'ETag', read.etag);
  setResponseHeader(c, 'Cache-Control', RESULT_CACHE_CONTROL);
  setResponseHeader(c, 'X-Cache', read.source === 'store' ? 'miss' : `hit-${read.source}`);
  const inm = c.req.header('if-none-match');
  if (
    inm &&
    inm
      .split(',')
      .map((t) => t.trim())
      .includes(read.etag)
  )
    return { notModified: true };
  return { json: read.bytes ?? read.json };
}

export const notModifiedResponse = { description: 'Not modified: the ETag sent in If-None-Match is current.' } as const;

/**
 * Both answers below are built from the request's header record (api/response-headers.ts): the routes using them
 * set their headers with setResponseHeader, never c.header().
 *
 * A contract body that is stored as JSON text (serialised once, when it was published), sent as is — the bytes
 * its ETag was computed from — and typed as the body it is. The one place where stored text is declared to be
 * the route's response type: the text was produced from that very type (results are written by the scoring
 * activity from the read models' types, and the contract tests validate what the routes serve).
 */
export function storedJson<T>(c: Context<ApiEnv>, json: string | Uint8Array<ArrayBuffer>): TypedResponse<T, 200, 'json'> {
  return respondWithRecord(c, 200, json, { 'Content-Type': 'application/json' }) as unknown as TypedResponse<T, 200, 'json'>;
}

/** zod-openapi's type of a documented response without content (a 304 here). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the library's own type for "no body"
type NoContent = TypedResponse<{}, 304, string>;

/** 304 for a cached read whose ETag the caller already has. */
export function notModified(c: Context<ApiEnv>): NoContent {
  return respondWithRecord(c, 304, null) as unknown as NoContent;
}

/** Reads one cached facility resource for the caller: 404s as unwrapRead says, else the JSON text or not-modified. */
export async function readFacilityResource(c: Context<ApiEnv>, facilityId: string, resource: 'detail' | 'compliance' | 'risks') {
  return unwrapRead(c, facilityId, await c.get('services').results.facilityResource(c.get('principal'), facilityId, resource));
}
