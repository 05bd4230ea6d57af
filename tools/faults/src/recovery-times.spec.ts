import { recoveryMs } from './recovery-times.js';

describe('recovery after a fault', () => {
  it('is the longest wait, over partitions that had work just before, for their next committed output', () => {
    const arrivals = new Map([
      ['out/0', [9_000, 9_800, 10_300]],
      ['out/1', [9_500, 14_000]],
      ['out/2', [1_000, 20_000]], // quiet before the fault: not counted
    ]);
    expect(recoveryMs(arrivals, 10_000)).toBe(4_000);
  });

  it('is Infinity when an active partition never received again, null when none was active', () => {
    expect(recoveryMs(new Map([['out/0', [9_900]]]), 10_000)).toBe(Infinity);
    expect(recoveryMs(new Map([['out/0', [1_000, 12_000]]]), 10_000)).toBeNull();
  });
});
