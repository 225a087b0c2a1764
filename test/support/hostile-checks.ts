/**
 * What a hostile request must get back: a 4xx in the contract's one error shape, carrying the request id of its
 * X-Request-Id header, with no stack trace — and, for existence leaks, what two answers must not differ in.
 */
import { zErrorBody } from '../../contract/error-body.js';
import type { RawResponse } from './raw-http.js';

export type ErrorAnswer = { status: number; code: string; message: string; details: string | null };

/** Null when the answer is a proper rejection; else what is wrong with it. */
export function rejectionProblem(res: RawResponse, allowed: (status: number) => boolean = (s) => s >= 400 && s < 500): string | null {
  if (!allowed(res.status)) return `status ${res.status}: ${res.text.slice(0, 160)}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.text);
  } catch {
    return `status ${res.status}, body not JSON: ${res.text.slice(0, 160)}`;
  }
  const body = zErrorBody.safeParse(parsed);
  if (!body.success) return `status ${res.status}, not the error shape: ${res.text.slice(0, 160)}`;
  if (!body.data.error.request_id || body.data.error.request_id !== res.headers['x-request-id'])
    return `status ${res.status}: request_id ${body.data.error.request_id} is not X-Request-Id ${String(res.headers['x-request-id'])}`;
  if (/\n\s+at |\bat \S+ \([^)]*:\d+:\d+\)|\.(?:ts|js|mjs):\d+:\d+|node_modules/.test(res.text))
    return `status ${res.status}: stack trace in the body`;
  return null;
}

export function errorOf(res: RawResponse): ErrorAnswer {
  const { error } = zErrorBody.parse(JSON.parse(res.text));
  return { status: res.status, code: error.code, message: error.message, details: error.details };
}

/**
 * Everything a caller could compare between two answers, with the id it asked for blanked out: status, error
 * code, message, details and the set of response header names. Equal fingerprints: nothing to tell them apart.
 */
export function leakFingerprint(res: RawResponse, askedId: string): string {
  const blank = (s: string | null) => (s === null ? null : s.split(askedId).join('<id>'));
  const volatile = new Set(['date', 'x-request-id', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'content-length']);
  const headerNames = Object.keys(res.headers)
    .filter((h) => !volatile.has(h))
    .sort();
  let body: unknown = res.text;
  try {
    const e = errorOf(res);
    body = { code: e.code, message: blank(e.message), details: blank(e.details) };
  } catch {
    body = blank(res.text);
  }
  return JSON.stringify({ status: res.status, body, headerNames });
}
