/**
 * The Condoit simulator: an HTTP server speaking the contract in ../schema.ts over a deterministic, lazily
 * generated portfolio (or hand-built fixtures, for tests that need exact records), with cursor pagination,
 * `updated_since`, a bearer token, and fault injection (steady knobs plus one-shot plans posted to /__sim/faults). It is the only stand-in in MasterBus: local runs
 * and tests use it because the real Condoit is out of reach.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { FaultInjector, malform, zFaultKnobs, zFaultPlan, type FaultKnobs } from './faults.js';
import type { Equipment, Facility } from '../schema.js';
import { equipmentCountOf, facilityIndex, generateEquipment, generateFacility, type PortfolioShape } from './generator.js';
import { seedFrom } from './random.js';
import { tinyPng } from './tiny-png.js';

export interface SimulatorOptions {
  shape: PortfolioShape;
  knobs?: Partial<FaultKnobs>;
  /** When set, every /v1 request must carry `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /**
   * Hand-built records served exactly, in this order, instead of the generated portfolio (the shape then only
   * seeds fault injection). Paging, cursors, `updated_since` and touching work as for generated data.
   */
  fixtures?: { facility: Facility; equipment: Equipment[] }[] | undefined;
}

export interface Simulator {
  app: Hono;
  faults: FaultInjector;
  /** Requests served, by route, and faults injected, by kind ("status-503", "status-429", "delay", "reset", "truncate"). */
  stats: { requests: number; byRoute: Record<string, number>; injected: Record<string, number> };
}

const zListQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  updated_since: z.string().datetime({ offset: true }).optional(),
});

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return 0;
  const m = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? Number(m[1]) : null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function error(c: Context, status: 400 | 401 | 404, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

/** Moves a record's `updated_at` forward an hour per revision, as the generator does for touched facilities. */
function touched<T extends { updated_at: string }>(record: T, revision: number): T {
  return revision === 0 ? record : { ...record, updated_at: new Date(Date.parse(record.updated_at) + revision * 3_600_000).toISOString() };
}

/** Where the served records come from: the generated portfolio, or the fixtures when given. */
function portfolioSource(shape: PortfolioShape, fixtures: SimulatorOptions['fixtures']) {
  if (!fixtures) {
    return {
      facilityCount: shape.facilityCount,
      indexOf: (id: string) => facilityIndex(id, shape),
      facility: (i: number, revision: number) => generateFacility(i, shape, revision),
      equipmentCount: (i: number) => equipmentCountOf(i, shape),
      equipment: (i: number, j: number, revision: number) => generateEquipment(i, j, shape, revision),
    };
  }
  const byId = new Map(fixtures.map((f, i) => [f.facility.id, i]));
  return {
    facilityCount: fixtures.length,
    indexOf: (id: string) => byId.get(id) ?? null,
    facility: (i: number, revision: number) => touched(fixtures[i]!.facility, revision),
    equipmentCount: (i: number) => fixtures[i]!.equipment.length,
    equipment: (i: number, j: number, revision: number) => touched(fixtures[i]!.equipment[j]!, revision),
  };
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const { shape } = options;
  const source = portfolioSource(shape, options.fixtures);
  const faults = new FaultInjector(zFaultKnobs.parse(options.knobs ?? {}), shape.seed);
  const revisions = new Map<number, number>();
  const stats: Simulator['stats'] = { requests: 0, byRoute: {}, injected: {} };
  const app = new Hono();

  // Control plane (unauthenticated, never faulted): used by tests, chaos runs and the CLI.
  app.post('/__sim/faults', async (c) => {
    const plan = zFaultPlan.safeParse(await c.req.json().catch(() => null));
    if (!plan.success) return error(c, 400, 'BAD_FAULT_PLAN', plan.error.message);
    faults.add(plan.data);
    return c.json({ ok: true });
  });
  app.delete('/__sim/faults', (c) => {
    faults.clear();
    return c.json({ ok: true });
  });
  app.patch('/__sim/knobs', async (c) => {
    const patch = zFaultKnobs.partial().safeParse(await c.req.json().catch(() => null));
    if (!patch.success) return error(c, 400, 'BAD_KNOBS', patch.error.message);
    return c.json(faults.setKnobs(patch.data));
  });
  app.post('/__sim/facilities/:id/touch', (c) => {
    const index = source.indexOf(c.req.param('id'));
    if (index === null) return error(c, 404, 'NOT_FOUND', 'no such facility');
    revisions.set(index, (revisions.get(index) ?? 0) + 1);
    return c.json({ ok: true, revision: revisions.get(index) });
  });
  app.get('/__sim/stats', (c) => c.json(stats));
  app.get('/__sim/health', (c) => c.json({ ok: true, shape }));

  app.use('/v1/*', async (c, next) => {
    stats.requests += 1;
    const route = c.req.path.replace(/fac-\d+(-eq-\d+)?/g, ':id').replace(/ph-[^/]+/, ':id');
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
    if (options.token && c.req.header('authorization') !== `Bearer ${options.token}`) {
      return error(c, 401, 'UNAUTHORIZED', 'missing or wrong bearer token');
    }
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    const decision = faults.decide(c.req.path);
    if (decision.kind !== 'none') {
      const kind = decision.kind === 'status' ? `status-${decision.status}` : decision.kind;
      stats.injected[kind] = (stats.injected[kind] ?? 0) + 1;
    }
    switch (decision.kind) {
      case 'none':
        return next();
      case 'delay':
        await sleep(decision.delayMs);
        return next();
      case 'reset': {
        // Destroy the underlying socket: the client sees a connection reset, not an HTTP answer.
        const incoming = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming;
        incoming?.socket?.destroy();
        return c.body(null, 500);
      }
      case 'truncate': {
        // A 200 whose body stops mid-page: headers promise more bytes than arrive before the reset.
        const socket = (c.env as { incoming?: { socket?: { write(s: string): void; destroy(): void } } } | undefined)?.incoming?.socket;
        socket?.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4096\r\n\r\n{"data":[{"id":"');
        setTimeout(() => socket?.destroy(), 20);
        return c.body(null, 500);
      }
      case 'status': {
        if (decision.retryAfterSeconds !== undefined) c.header('Retry-After', String(decision.retryAfterSeconds));
        return c.json(
          { error: { code: decision.status === 429 ? 'RATE_LIMITED' : 'UPSTREAM_UNAVAILABLE', message: 'injected fault' } },
          decision.status as 429,
        );
      }
    }
  });

  app.get('/v1/facilities', (c) => {
    const q = zListQuery.safeParse(c.req.query());
    if (!q.success) return error(c, 400, 'BAD_REQUEST', q.error.message);
    const offset = decodeCursor(q.data.cursor);
    if (offset === null) return error(c, 400, 'BAD_CURSOR', 'cursor is not one this server issued');
    const since = q.data.updated_since ? Date.parse(q.data.updated_since) : null;
    const data = [];
    let i = offset;
    // updated_since filters while paging: a page holds up to `limit` matches, scanning forward from the cursor.
    for (; i < source.facilityCount && data.length < q.data.limit; i++) {
      const f = source.facility(i, revisions.get(i) ?? 0);
      if (since === null || Date.parse(f.updated_at) > since) data.push(f);
    }
    return c.json({ data, next_cursor: i < source.facilityCount ? encodeCursor(i) : null });
  });

  app.get('/v1/facilities/:id', (c) => {
    const index = source.indexOf(c.req.param('id'));
    if (index === null) return error(c, 404, 'NOT_FOUND', `facility ${c.req.param('id')} not found`);
    return c.json(source.facility(index, revisions.get(index) ?? 0));
  });

  app.get('/v1/facilities/:id/equipment', (c) => {
    const index = source.indexOf(c.req.param('id'));
    if (index === null) return error(c, 404, 'NOT_FOUND', `facility ${c.req.param('id')} not found`);
    const q = zListQuery.safeParse(c.req.query());
    if (!q.success) return error(c, 400, 'BAD_REQUEST', q.error.message);
    const offset = decodeCursor(q.data.cursor);
    if (offset === null) return error(c, 400, 'BAD_CURSOR', 'cursor is not one this server issued');
    const total = source.equipmentCount(index);
    const end = Math.min(total, offset + q.data.limit);
    const revision = revisions.get(index) ?? 0;
    const data: unknown[] = [];
    for (let j = offset; j < end; j++) {
      const e = source.equipment(index, j, revision);
      data.push(faults.isMalformed(shape.seed, e.id) ? malform(e, seedFrom(shape.seed, e.id)) : e);
    }
    return c.json({ data, next_cursor: end < total ? encodeCursor(end) : null });
  });

  const photo = (c: Context) => {
    if (!/^ph-fac-\d{5}-\d+$/.test(c.req.param('id') ?? '')) return error(c, 404, 'NOT_FOUND', 'photo not found');
    c.header('Cache-Control', 'private, max-age=86400');
    return c.body(tinyPng, 200, { 'Content-Type': 'image/png' });
  };
  app.get('/v1/photos/:id', photo);
  app.get('/v1/photos/:id/thumbnail', photo);

  app.notFound((c) => error(c, 404, 'NOT_FOUND', `no route ${c.req.method} ${c.req.path}`));
  return { app, faults, stats };
}
