import { formatSeconds, oldestLagSeconds } from './lag-seconds.js';

describe('oldestLagSeconds', () => {
  it('is the largest, 0 for no partitions, and unknown when one is unknown', () => {
    expect(oldestLagSeconds([{ lagSeconds: 0 }, { lagSeconds: 12.5 }, { lagSeconds: 3 }])).toBe(12.5);
    expect(oldestLagSeconds([])).toBe(0);
    expect(oldestLagSeconds([{ lagSeconds: 4 }, { lagSeconds: null }])).toBeNull();
  });
});

describe('formatSeconds', () => {
  it.each([
    [0, '0.0 s'],
    [0.42, '0.4 s'],
    [12.4, '12 s'],
    [119.6, '2 min 00 s'],
    [200, '3 min 20 s'],
    [7_500, '2 h 05 min'],
    [null, '?'],
  ])('%p -> %p', (s, text) => expect(formatSeconds(s)).toBe(text));
});
