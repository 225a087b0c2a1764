/**
 * The real Condoit HTTP client. Node's fetch (undici) keeps connections alive and pools them per origin, so
 * paging through a facility reuses one socket. Every request has a timeout; failures become CondoitError with
 * a retryable flag; every record is validated against the contract, and records that fail validation are
 * returned as data-quality issues instead of failing the whole facility.
 */
import type { z } from 'zod';
import { CondoitError, errorForStatus, type CondoitErrorType } from './errors.js';
import { zEquipment, zFacility, zPage, type Equipment, type Facility } from './schema.js';

export interface CondoitClientOptions {
  baseUrl: string;
  token?: string | undefined;
  timeoutMs?: number;
  pageSize?: number;
  fetch?: typeof fetch;
  /** Told about every request once its response is read (or it failed): for latency and error metrics. */
  observe?: (e: CondoitRequestEvent) => void;
}

export type CondoitOperation = 'facility' | 'equipment_page' | 'facility_page' | 'photo';

export interface CondoitRequestEvent {
  operation: CondoitOperation;
  seconds: number;
  /** The failure's kind, absent when the request succeeded. */
  error?: CondoitErrorType;
}

export interface DataQualityIssue {
  record_id: string | null;
  kind: 'equipment';
  problems: string[];
}

export interface EquipmentPage {
  equipment: Equipment[];
  issues: DataQualityIssue[];
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`);
}

export class CondoitClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  readonly pageSize: number;
  private readonly doFetch: typeof fetch;

  constructor(private readonly options: CondoitClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.pageSize = options.pageSize ?? 500;
    this.doFetch = options.fetch ?? fetch;
  }

  getFacility(facilityId: string): Promise<Facility> {
    return this.timed('facility', () => this.fetchFacility(facilityId));
  }

  private async fetchFacility(facilityId: string): Promise<Facility> {
    const body = await this.getJson(`/v1/facilities/${encodeURIComponent(facilityId)}`);
    const parsed = zFacility.safeParse(body);
    if (!parsed.success) {
      throw new CondoitError(
        'CondoitContractViolation',
        `Condoit facility ${facilityId} does not match the contract: ${describeIssues(parsed.error).join('; ')}`,
        false,
      );
    }
    return parsed.data;
  }

  /** Pages through a facility's equipment; each page's valid records and data-quality issues. */
  async *equipmentPages(facilityId: string, signal?: AbortSignal): AsyncGenerator<EquipmentPage> {
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: String(this.pageSize) });
      if (cursor) query.set('cursor', cursor);
      const page = await this.timed('equipment_page', () =>
        this.getPage(`/v1/facilities/${encodeURIComponent(facilityId)}/equipment?${query}`, signal),
      );
      const result: EquipmentPage = { equipment: [], issues: [] };
      for (const raw of page.data) {
        const parsed = zEquipment.safeParse(raw);
        if (parsed.success) result.equipment.push(parsed.data);
        else {
          const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : null;
          result.issues.push({ record_id: id, kind: 'equipment', problems: describeIssues(parsed.error) });
        }
      }
      yield result;
      cursor = page.next_cursor;
    } while (cursor);
  }

  /** One page of the portfolio's facilities and the cursor of the next (null at the end). */
  async facilityPage(opts: {
    cursor: string | null;
    limit: number;
    updatedSince?: string;
    signal?: AbortSignal;
  }): Promise<{ facilities: Facility[]; nextCursor: string | null }> {
    const query = new URLSearchParams({ limit: String(opts.limit) });
    if (opts.cursor) query.set('cursor', opts.cursor);
    if (opts.updatedSince) query.set('updated_since', opts.updatedSince);
    return this.timed('facility_page', async () => {
      const page = await this.getPage(`/v1/facilities?${query}`, opts.signal);
      const facilities = page.data.map((raw) => {
        const parsed = zFacility.safeParse(raw);
        if (!parsed.success)
          throw new CondoitError(
            'CondoitContractViolation',
            `facility record breaks the contract: ${describeIssues(parsed.error).join('; ')}`,
            false,
          );
        return parsed.data;
      });
      return { facilities, nextCursor: page.next_cursor };
    });
  }

  /** Pages through the portfolio's facilities, optionally only those changed after `updatedSince`. */
  async *facilityPages(opts: { updatedSince?: string; signal?: AbortSignal } = {}): AsyncGenerator<Facility[]> {
    let cursor: string | null = null;
    do {
      const page: { facilities: Facility[]; nextCursor: string | null } = await this.facilityPage({
        cursor,
        limit: this.pageSize,
        ...opts,
      });
      yield page.facilities;
      cursor = page.nextCursor;
    } while (cursor);
  }

  /** A photo or its thumbnail, as Condoit's response (the body is streamed on, never buffered here). */
  async photo(photoId: string, variant: 'full' | 'thumbnail', signal?: AbortSignal): Promise<Response> {
    const path = `/v1/photos/${encodeURIComponent(photoId)}${variant === 'thumbnail' ? '/thumbnail' : ''}`;
    return this.timed('photo', () => this.request(path, 'image/*', signal));
  }

  private async timed<T>(operation: CondoitOperation, run: () => Promise<T>): Promise<T> {
    if (!this.options.observe) return run();
    const started = performance.now();
    try {
      const result = await run();
      this.options.observe({ operation, seconds: (performance.now() - started) / 1000 });
      return result;
    } catch (err) {
      const error = err instanceof CondoitError ? err.type : 'CondoitNetworkError';
      this.options.observe({ operation, seconds: (performance.now() - started) / 1000, error });
      throw err;
    }
  }

  private async getPage(path: string, signal?: AbortSignal) {
    const body = await this.getJson(path, signal);
    const parsed = zPage.safeParse(body);
    if (!parsed.success) {
      throw new CondoitError('CondoitContractViolation', `Condoit page ${path} is not {data, next_cursor}`, false);
    }
    return parsed.data;
  }

  private async getJson(path: string, signal?: AbortSignal): Promise<unknown> {
    const res = await this.request(path, 'application/json', signal);
    try {
      return await res.json();
    } catch (err) {
      // A body cut short (connection reset mid-page) or not JSON at all: worth another try.
      throw new CondoitError(
        'CondoitNetworkError',
        `Condoit sent an unreadable body for ${path}: ${(err as Error).message}`,
        true,
        res.status,
        undefined,
        { cause: err },
      );
    }
  }

  private async request(path: string, accept: string, signal?: AbortSignal): Promise<Response> {
    const url = `${this.baseUrl}${path}`;
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const headers: Record<string, string> = { accept };
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    let res: Response;
    try {
      res = await this.doFetch(url, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (err) {
      if (timeout.aborted) {
        throw new CondoitError('CondoitTimeout', `Condoit did not answer ${path} within ${this.timeoutMs} ms`, true, undefined, undefined, {
          cause: err,
        });
      }
      throw new CondoitError(
        'CondoitNetworkError',
        `could not reach Condoit for ${path}: ${(err as Error).message}`,
        true,
        undefined,
        undefined,
        { cause: err },
      );
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw errorForStatus(res.status, path, text, res.headers.get('retry-after'));
    }
    return res;
  }
}
