import { createTrafficPlanner, type TrafficOp } from './traffic-planner.js';
import { DEFAULT_MIX } from './traffic-mix.js';

const NOW = Date.UTC(2026, 10, 25, 14, 30);
const employeeIds = Array.from({ length: 300 }, (_, i) => i + 1);

/** Runs a planner against a fake database that hands out ids 1, 2, 3, ... */
const run = (seed: number, batches = 40, size = 50) => {
  const planner = createTrafficPlanner({ seed, mix: DEFAULT_MIX, employeeIds, backdateShare: 0.1, now: () => NOW });
  let nextId = 1;
  const all: TrafficOp[] = [];
  for (let b = 0; b < batches; b++) {
    const ops = planner.plan(size);
    const ids = ops.filter((o) => o.kind === 'insert').map(() => nextId++);
    planner.committed(ops, ids);
    all.push(...ops);
  }
  return all;
};

describe('createTrafficPlanner', () => {
  it('gives the same operations for the same seed, and others for another seed', () => {
    expect(run(42)).toEqual(run(42));
    expect(JSON.stringify(run(43))).not.toEqual(JSON.stringify(run(42)));
  });

  it('follows the mix, and never updates or deletes a row twice in a batch or after deleting it', () => {
    const ops = run(7, 100, 100);
    const share = (kind: string) => ops.filter((o) => o.kind === kind).length / ops.length;
    expect(share('insert')).toBeGreaterThan(0.75);
    expect(share('insert')).toBeLessThan(0.87);
    expect(share('update')).toBeGreaterThan(0.1);
    expect(share('delete')).toBeGreaterThan(0.02);
    const deleted = new Set<number>();
    for (let b = 0; b < 100; b++) {
      const batch = ops.slice(b * 100, b * 100 + 100).filter((o) => o.kind !== 'insert') as { id: number; kind: string }[];
      expect(new Set(batch.map((o) => o.id)).size).toBe(batch.length);
      for (const o of batch) expect(deleted.has(o.id)).toBe(false);
      for (const o of batch) if (o.kind === 'delete') deleted.add(o.id);
    }
  });

  it('writes rows the schema takes: known employees, NULL durations sometimes, IPv4 and IPv6, back-dated and current times', () => {
    const rows = run(11, 40, 100).flatMap((o) => (o.kind === 'insert' ? [o.row] : []));
    expect(rows.every((r) => employeeIds.includes(r.employee_id))).toBe(true);
    expect(rows.some((r) => r.duration_seconds === null)).toBe(true);
    expect(rows.every((r) => r.duration_seconds === null || (Number.isInteger(r.duration_seconds) && r.duration_seconds >= 0))).toBe(true);
    expect(rows.some((r) => r.ip_address.includes(':'))).toBe(true);
    expect(rows.some((r) => /^\d+\.\d+\.\d+\.\d+$/.test(r.ip_address))).toBe(true);
    expect(new Set(rows.map((r) => r.activity_type)).size).toBeGreaterThanOrEqual(6);
    const ages = rows.map((r) => NOW - Date.parse(`${r.activity_timestamp}Z`));
    const backdated = ages.filter((a) => a > 3_600_000).length / rows.length;
    expect(backdated).toBeGreaterThan(0.05);
    expect(backdated).toBeLessThan(0.15);
    expect(Math.max(...ages)).toBeLessThanOrEqual(73 * 3_600_000);
    expect(rows.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/.test(r.activity_timestamp))).toBe(true);
  });

  it('inserts only, until rows it may update exist', () => {
    const planner = createTrafficPlanner({ seed: 1, mix: { insert: 1, update: 10, delete: 10 }, employeeIds, backdateShare: 0 });
    expect(planner.plan(20).every((o) => o.kind === 'insert')).toBe(true);
  });

  it('refuses to run without employees', () => {
    expect(() => createTrafficPlanner({ seed: 1, mix: DEFAULT_MIX, employeeIds: [], backdateShare: 0 })).toThrow(/at least one employee/);
  });
});
