import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CondoitClient } from '../../condoit/client.js';
import { CondoitError } from '../../condoit/errors.js';
import { zEquipment, zFacility, type Equipment } from '../../condoit/schema.js';
import {
  defaultShape,
  equipmentCountOf,
  generateEquipment,
  generateFacility,
  type PortfolioShape,
} from '../../condoit/simulator/generator.js';
import { createSimulator, type Simulator } from '../../condoit/simulator/server.js';
import { serveApp, type RunningServer } from '../../http/serve-app.js';
import { snapshotHash } from '../../store/snapshot-repository.js';

const shape: PortfolioShape = { ...defaultShape, seed: 7, facilityCount: 12, equipmentMin: 15, equipmentMax: 40 };

async function collect(client: CondoitClient, facilityId: string) {
  const equipment = [];
  const issues = [];
  let pages = 0;
  for await (const p of client.equipmentPages(facilityId)) {
    equipment.push(...p.equipment);
    issues.push(...p.issues);
    pages += 1;
  }
  return { equipment, issues, pages };
}

describe('Condoit simulator data', () => {
  it('should generate the same portfolio from the same seed, and a different one from another seed', () => {
    expect(generateFacility(3, shape)).toEqual(generateFacility(3, shape));
    expect(generateEquipment(3, 5, shape)).toEqual(generateEquipment(3, 5, shape));
    expect(generateEquipment(3, 5, { ...shape, seed: 8 })).not.toEqual(generateEquipment(3, 5, shape));
  });

  it('should produce records that satisfy the Condoit contract', () => {
    for (let f = 0; f < shape.facilityCount; f++) {
      expect(zFacility.safeParse(generateFacility(f, shape)).success).toBe(true);
      for (let j = 0; j < equipmentCountOf(f, shape); j++) {
        const parsed = zEquipment.safeParse(generateEquipment(f, j, shape));
        if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
      }
    }
  });

  it('should have realistic shares of aluminium, missing labels and overdue scans across a portfolio', () => {
    const all: Equipment[] = [];
    for (let f = 0; f < 12; f++) for (let j = 0; j < equipmentCountOf(f, shape); j++) all.push(generateEquipment(f, j, shape));
    const share = (pred: (e: (typeof all)[number]) => boolean) => all.filter(pred).length / all.length;
    expect(share((e) => e.conductor_material === 'aluminum')).toBeGreaterThan(0.1);
    expect(share((e) => e.conductor_material === 'aluminum')).toBeLessThan(0.35);
    expect(share((e) => e.arc_flash !== null && !e.arc_flash.label_present)).toBeGreaterThan(0.05);
    expect(share((e) => e.maintenance_records.some((r) => (r.infrared?.delta_t_c ?? 0) > 15))).toBeGreaterThan(0.01);
  });
});

describe('Condoit client against the simulator over HTTP', () => {
  let sim: Simulator;
  let server: RunningServer;
  let client: CondoitClient;
  beforeAll(async () => {
    sim = createSimulator({ shape, token: 'sim-token' });
    server = await serveApp(sim.app.fetch);
    client = new CondoitClient({ baseUrl: server.url, token: 'sim-token', pageSize: 6, timeoutMs: 1_000 });
  });
  afterAll(() => server.close());

  it("should page through all of a facility's equipment with the cursor", async () => {
    const { equipment, pages, issues } = await collect(client, 'fac-00002');
    const expected = equipmentCountOf(1, shape);
    expect(equipment).toHaveLength(expected);
    expect(pages).toBe(Math.ceil(expected / 6));
    expect(new Set(equipment.map((e) => e.id)).size).toBe(expected);
    expect(issues).toEqual([]);
  });

  it('should see the same content hash on every fetch of unchanged data, and a new one after a change', async () => {
    const a = await collect(client, 'fac-00003');
    const b = await collect(client, 'fac-00003');
    const f = await client.getFacility('fac-00003');
    expect(snapshotHash(f, a.equipment, a.issues)).toBe(snapshotHash(f, b.equipment, b.issues));
    await fetch(`${server.url}/__sim/facilities/fac-00003/touch`, { method: 'POST' });
    const f2 = await client.getFacility('fac-00003');
    const c = await collect(client, 'fac-00003');
    expect(snapshotHash(f2, c.equipment, c.issues)).not.toBe(snapshotHash(f, a.equipment, a.issues));
  });

  it('should list only facilities updated after updated_since', async () => {
    const all = [];
    for await (const page of client.facilityPages()) all.push(...page);
    expect(all).toHaveLength(shape.facilityCount);
    const cutoff = [...all].sort((x, y) => x.updated_at.localeCompare(y.updated_at))[6]!.updated_at;
    const recent = [];
    for await (const page of client.facilityPages({ updatedSince: cutoff })) recent.push(...page);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((f) => f.updated_at > cutoff)).toBe(true);
    expect(recent.length).toBe(all.filter((f) => f.updated_at > cutoff).length);
  });

  it('should raise a non-retryable CondoitNotFound for an unknown facility', async () => {
    const err = await client.getFacility('fac-99999').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CondoitError);
    expect((err as CondoitError).type).toBe('CondoitNotFound');
    expect((err as CondoitError).retryable).toBe(false);
  });

  it('should raise a non-retryable CondoitUnauthorized with a wrong token', async () => {
    const bad = new CondoitClient({ baseUrl: server.url, token: 'wrong' });
    const err = (await bad.getFacility('fac-00001').catch((e: unknown) => e)) as CondoitError;
    expect(err.type).toBe('CondoitUnauthorized');
    expect(err.retryable).toBe(false);
  });

  it('should raise retryable errors for 5xx, timeouts and connection resets, and carry Retry-After from a 429', async () => {
    const plan = (p: object) => fetch(`${server.url}/__sim/faults`, { method: 'POST', body: JSON.stringify({ failNext: 1, ...p }) });
    await plan({ status: 502 });
    const e5 = (await client.getFacility('fac-00001').catch((e: unknown) => e)) as CondoitError;
    expect([e5.type, e5.retryable, e5.status]).toEqual(['CondoitUnavailable', true, 502]);

    await plan({ status: 429, retryAfterSeconds: 7 });
    const e429 = (await client.getFacility('fac-00001').catch((e: unknown) => e)) as CondoitError;
    expect([e429.type, e429.retryable, e429.retryAfterMs]).toEqual(['CondoitRateLimited', true, 7_000]);

    await plan({ delayMs: 1_500 });
    const eTimeout = (await client.getFacility('fac-00001').catch((e: unknown) => e)) as CondoitError;
    expect([eTimeout.type, eTimeout.retryable]).toEqual(['CondoitTimeout', true]);

    await plan({ resetConnection: true });
    const eReset = (await client.getFacility('fac-00001').catch((e: unknown) => e)) as CondoitError;
    expect([eReset.type, eReset.retryable]).toEqual(['CondoitNetworkError', true]);

    expect((await client.getFacility('fac-00001')).id).toBe('fac-00001');
  });
});

describe('malformed Condoit records', () => {
  it('should come back as data-quality issues naming the record, with the rest of the facility intact', async () => {
    const sim = createSimulator({ shape, knobs: { malformedRate: 0.2 } });
    const server = await serveApp(sim.app.fetch);
    try {
      const client = new CondoitClient({ baseUrl: server.url, pageSize: 10 });
      const { equipment, issues } = await collect(client, 'fac-00004');
      const total = equipmentCountOf(3, shape);
      expect(issues.length).toBeGreaterThan(0);
      expect(equipment.length + issues.length).toBe(total);
      for (const issue of issues) {
        expect(issue.problems.length).toBeGreaterThan(0);
        expect(issue.problems.join(' ')).toMatch(/type|install_date|name/);
      }
      // The same records are malformed on every run (deterministic), so reruns report the same issues.
      const again = await collect(client, 'fac-00004');
      expect(again.issues).toEqual(issues);
    } finally {
      await server.close();
    }
  });
});
