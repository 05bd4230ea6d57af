import { createRatePacer } from './rate-pacer.js';
import { DEFAULT_MIX } from './traffic-mix.js';
import { createTrafficPlanner, type TrafficOp } from './traffic-planner.js';
import { runTraffic } from './traffic-runner.js';

const setup = () => {
  let t = 0;
  let nextId = 1;
  const batches: TrafficOp[][] = [];
  const planner = createTrafficPlanner({ seed: 3, mix: DEFAULT_MIX, employeeIds: [1, 2, 3], backdateShare: 0, now: () => Date.UTC(2026, 0, 1) });
  const pacer = createRatePacer({ rowsPerSecond: 1_000, now: () => t });
  const write = async (ops: readonly TrafficOp[]) => {
    batches.push([...ops]);
    return ops.filter((o) => o.kind === 'insert').map(() => nextId++);
  };
  const sleep = async (ms: number) => {
    t += ms;
  };
  return { planner, pacer, write, sleep, now: () => t, batches, advance: (ms: number) => (t += ms) };
};

describe('runTraffic', () => {
  it('writes exactly the rows asked for, in paced batches of at most maxBatch', async () => {
    const s = setup();
    const result = await runTraffic({ ...s, maxBatch: 100, rows: 1_050, shouldStop: () => false });
    expect(result.reason).toBe('rows');
    expect(result.rows.insert + result.rows.update + result.rows.delete).toBe(1_050);
    expect(s.batches.flat()).toHaveLength(1_050);
    expect(Math.max(...s.batches.map((b) => b.length))).toBeLessThanOrEqual(100);
    expect(result.rows.update + result.rows.delete).toBeGreaterThan(0);
  });

  it('gathers a tenth of a second of rows per transaction when the batch limit allows', async () => {
    const s = setup();
    await runTraffic({ ...s, maxBatch: 1_000, rows: 2_000, shouldStop: () => false });
    expect(s.batches.length).toBeGreaterThanOrEqual(19);
    expect(s.batches.length).toBeLessThanOrEqual(22);
  });

  it('counts a failed transaction as errors, backs off and goes on', async () => {
    const s = setup();
    let calls = 0;
    let failed = 0;
    const seen: (string | undefined)[] = [];
    const write = (ops: readonly TrafficOp[]) => {
      if (++calls !== 2) return s.write(ops);
      failed = ops.length;
      return Promise.reject(new Error('connection refused'));
    };
    const result = await runTraffic({ ...s, write, maxBatch: 50, rows: 200, shouldStop: () => false, onTransaction: (_, e) => seen.push(e?.message) });
    expect(failed).toBeGreaterThan(0);
    expect(result.errors).toBe(failed);
    expect(result.rows.insert + result.rows.update + result.rows.delete).toBe(200);
    expect(seen).toContain('connection refused');
  });

  it('stops between transactions when asked', async () => {
    const s = setup();
    let stop = false;
    const write = async (ops: readonly TrafficOp[]) => {
      stop = true; // Ctrl-C during the transaction: it still completes
      return s.write(ops);
    };
    s.advance(100);
    const result = await runTraffic({ ...s, write, maxBatch: 500, rows: null, shouldStop: () => stop });
    expect(result).toMatchObject({ reason: 'stopped', transactions: 1 });
    expect(s.batches).toHaveLength(1);
  });
});
