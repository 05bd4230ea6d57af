import { recoveryMs } from './recovery-times.js';

describe('recovery after a fault', () => {
  it('is the longest wait, from the fault’s beginning, over partitions that had work before it, for their first commit after it took effect', () => {
    const arrivals = new Map([
      ['g/t/0', [9_000, 9_800, 10_300, 12_500]],
      ['g/t/1', [9_500, 14_000]],
      ['g/t/2', [-500, 20_000]], // quiet for 10 s before the fault: not counted
    ]);
    // began 10,000, took effect at 11,000 (a graceful stop): the 10,300 commit came before the effect.
    expect(recoveryMs(arrivals, { began: 10_000, effective: 11_000 })).toBe(4_000);
    expect(recoveryMs(arrivals, { began: 10_000, effective: 10_000 })).toBe(4_000);
  });

  it('is Infinity when an active partition never received again, null when none was active', () => {
    expect(recoveryMs(new Map([['g/t/0', [9_900]]]), { began: 10_000, effective: 10_000 })).toBe(Infinity);
    expect(recoveryMs(new Map([['g/t/0', [-5_000, 12_000]]]), { began: 10_000, effective: 10_000 })).toBeNull();
  });
});
