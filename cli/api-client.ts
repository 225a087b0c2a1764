/**
 * The CLI's view of the MasterBus API: JSON over HTTP with the operator's token, answers validated with the API's
 * own zod schemas, and every failure turned into a CliError with the documented exit code.
 */
import type { z } from 'zod';
import { zErrorBody } from '../contract/error-body.js';
import { CliError, ExitCode, type ExitCodeValue } from './exit-codes.js';

export interface ApiTarget {
  url: string;
  token: string | undefined;
}

function exitCodeForStatus(status: number): ExitCodeValue {
  if (status === 404) return ExitCode.NOT_FOUND;
  if (status === 401 || status === 403 || status === 429 || status >= 500) return ExitCode.UNAVAILABLE;
  return ExitCode.USAGE;
}

export class ApiClient {
  private readonly base: string;

  constructor(private readonly target: ApiTarget) {
    this.base = target.url.replace(/\/+$/, '');
  }

  get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    return this.send('GET', path, schema);
  }

  post<T>(path: string, schema: z.ZodType<T>, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.send('POST', path, schema, body, headers);
  }

  private async send<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<T> {
    if (!this.target.token)
      throw new CliError(
        ExitCode.USAGE,
        'NO_TOKEN',
        'no API token: pass --token or set MASTERBUS_TOKEN (npx masterbus token mint … in development)',
      );
    const headers: Record<string, string> = { authorization: `Bearer ${this.target.token}`, accept: 'application/json', ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (err as Error).message;
      throw new CliError(
        ExitCode.UNAVAILABLE,
        'API_UNREACHABLE',
        `cannot reach the MasterBus API at ${this.base} (${reason}); is it running? (--api-url / MASTERBUS_API_URL)`,
      );
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new CliError(
        ExitCode.UNAVAILABLE,
        'BAD_RESPONSE',
        `${method} ${path}: the API answered ${res.status} with a body that is not JSON`,
      );
    }
    if (!res.ok) {
      const parsed = zErrorBody.safeParse(json);
      const code = parsed.success ? parsed.data.error.code : `HTTP_${res.status}`;
      const message = parsed.success
        ? `${parsed.data.error.message}${parsed.data.error.details ? ` (${parsed.data.error.details})` : ''}`
        : text.slice(0, 200);
      const hint = res.status === 401 ? ' — is the token valid for this API (secret, issuer, audience, expiry)?' : '';
      throw new CliError(exitCodeForStatus(res.status), code, `${method} ${path}: ${res.status} ${code}: ${message}${hint}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new CliError(
        ExitCode.UNAVAILABLE,
        'BAD_RESPONSE',
        `${method} ${path}: the API's answer does not match its schema: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      );
    return parsed.data;
  }
}
