import { createRatePacer } from './rate-pacer.js';
import { formatProgress } from './traffic-progress.js';

describe('createRatePacer', () => {
  it('owes rate × elapsed − sent, and says how long until the next row', () => {
    let t = 0;
    const pacer = createRatePacer({ rowsPerSecond: 1_000, now: () => t });
    expect(pacer.due()).toBe(0);
    expect(pacer.waitMs()).toBe(1);
    t = 250;
    expect(pacer.due()).toBe(250);
    pacer.sent(250);
    expect(pacer.due()).toBe(0);
    t = 2_000; // a slow transaction: the next batches catch up
    expect(pacer.due()).toBe(1_750);
  });

  it('refuses a rate of 0', () => {
    expect(() => createRatePacer({ rowsPerSecond: 0 })).toThrow(/> 0/);
  });
});

describe('formatProgress', () => {
  it('shows the rates, totals by op and errors', () => {
    const line = formatProgress({
      elapsedSeconds: 10,
      currentRate: 5_012.4,
      targetRate: 5_000,
      totals: { rows: { insert: 40_000, update: 7_500, delete: 2_500 }, transactions: 500, errors: 1 },
      lastError: 'connection refused',
    });
    expect(line).toBe(
      '10.0 s  5,012 rows/s (target 5,000, overall 5,000)  inserts 40,000  updates 7,500  deletes 2,500  transactions 500  errors 1  last error: connection refused',
    );
  });
});
