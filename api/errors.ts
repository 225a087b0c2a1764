/**
 * The one API error type and the contract's one error shape:
 *   { "error": { "code", "message", "details", "request_id" } }
 * Codes form a closed set mapped to HTTP statuses in contract/error-body.ts and nowhere else.
 */
import { errorStatus, type ErrorCode } from '../contract/error-body.js';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: string | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: string | null; request_id: string };
}

export function errorBody(code: ErrorCode, message: string, details: string | null, requestId: string): ErrorBody {
  return { error: { code, message, details, request_id: requestId } };
}

/** The error body for a request the HTTP parser refused before the app ran (see http/serve-app.ts). */
export function clientErrorBody(status: 400 | 431, requestId: string): ErrorBody {
  return status === 431
    ? errorBody(
        'HEADERS_TOO_LARGE',
        'The request headers are larger than the server accepts',
        'Headers (including the URL and the bearer token) are limited to 16 KiB',
        requestId,
      )
    : errorBody('VALIDATION_ERROR', 'Malformed HTTP request', null, requestId);
}
