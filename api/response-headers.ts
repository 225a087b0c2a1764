/**
 * The headers a response carries beyond its route's own, kept per request in a plain record
 * (`c.get('responseHeaders')`): the request id, the security headers, the rate-limit headers, a cached read's ETag,
 * Cache-Control and X-Cache. Every response gets the record: the request-basics middleware copies it onto the
 * route's response after the route has answered — except onto a response built from the record itself
 * (`respondWithRecord`), which already has it.
 *
 * Why a record rather than `c.header()`: Hono keeps headers in a WHATWG `Headers` (undici's, which validates and
 * lower-cases every name and value on `set` and sorts on iteration), and @hono/node-server then copies them into
 * an object for Node's `writeHead`. For the ~20 headers of a cached read that was ~20 µs of a ~100 µs request.
 * A response whose headers are a plain object is handed to `writeHead` as is (Node validates each header once).
 * Routes answering everything else keep using `c.header()`, `c.json()`: they get the record copied in.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { ApiEnv } from './api-env.js';

/** Responses built from their request's record: nothing to copy onto them. */
const complete = new WeakSet<Response>();

let securityHeaders: Readonly<Record<string, string>> | undefined;

/**
 * hono/secure-headers' default headers, as that middleware sets them (taken from it once, so they follow Hono's
 * defaults): every response carries them.
 */
export async function defaultSecurityHeaders(): Promise<Readonly<Record<string, string>>> {
  if (!securityHeaders) {
    const res = await new Hono()
      .use(secureHeaders())
      .get('/', (c) => c.body(null, 204))
      .request('/');
    securityHeaders = Object.freeze(Object.fromEntries(res.headers));
  }
  return securityHeaders;
}

/** Sets a header of this request's response (whatever the route answers, an error included). */
export function setResponseHeader(c: Context<ApiEnv>, name: string, value: string): void {
  c.get('responseHeaders')[name] = value;
}

/**
 * A response carrying the record's headers plus `headers` (Content-Type and the like), as a plain object: the
 * request-basics middleware leaves it as it is. Only for routes that set no header with `c.header()` (those
 * would be lost: Hono keeps them for its own `c.body()`, `c.json()`), which the routes using it are.
 */
export function respondWithRecord(
  c: Context<ApiEnv>,
  status: number,
  body: string | Uint8Array<ArrayBuffer> | null,
  headers?: Record<string, string>,
): Response {
  const res = new Response(body, { status, headers: headers ? { ...c.get('responseHeaders'), ...headers } : c.get('responseHeaders') });
  complete.add(res);
  return res;
}

/** Copies the record onto the response the route answered with, unless it was built from it. */
export function applyResponseHeaders(c: Context<ApiEnv>): void {
  if (complete.has(c.res)) return;
  const target = c.res.headers;
  const record = c.get('responseHeaders');
  for (const name in record) target.set(name, record[name]!);
}
