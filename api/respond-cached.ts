import type { Context } from 'hono';
import type { ApiEnv } from './api-env.js';
import { ApiError } from './errors.js';
import type { Read } from './services/results-reader.js';

/** Cache-Control for assessment results: private (per-caller policy), briefly fresh, then revalidate by ETag. */
export const RESULT_CACHE_CONTROL = 'private, max-age=30, must-revalidate';

export function notFound(facilityId: string): ApiError {
  return new ApiError('RESOURCE_NOT_FOUND', `Facility ${facilityId} not found`);
}

/**
 * Turns a cached read into the HTTP answer: 404 (not visible — same as missing), 404 NO_ASSESSMENT_YET, 304 when
 * the caller's ETag matches, else the body with ETag, Cache-Control and X-Cache.
 */
export function unwrapRead(c: Context<ApiEnv>, facilityId: string, read: Read): { json: string } | { notModified: true } {
  if (read.kind === 'not_visible') throw notFound(facilityId);
  if (read.kind === 'not_assessed') {
    throw new ApiError('NO_ASSESSMENT_YET', `Facility ${facilityId} has no completed assessment yet`, `Start one with POST /v1/facilities/${facilityId}/assessments`);
  }
  c.header('ETag', read.etag);
  c.header('Cache-Control', RESULT_CACHE_CONTROL);
  c.header('X-Cache', read.source === 'store' ? 'miss' : `hit-${read.source}`);
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').map((t) => t.trim()).includes(read.etag)) return { notModified: true };
  return { json: read.json };
}

export const notModifiedResponse = { description: 'Not modified: the ETag sent in If-None-Match is current.' } as const;

/** The handler shared by the cached facility resources (detail, compliance, risks). */
export function facilityResourceHandler(resource: 'detail' | 'compliance' | 'risks') {
  return async (c: Context<ApiEnv>) => {
    const facilityId = c.req.param('facility_id')!;
    const out = unwrapRead(c, facilityId, await c.get('services').results.facilityResource(c.get('principal'), facilityId, resource));
    if ('notModified' in out) return c.body(null, 304);
    // The cached JSON text as is: the bytes its ETag was computed from, with nothing re-serialised per request.
    return c.body(out.json, 200, { 'Content-Type': 'application/json' });
  };
}
