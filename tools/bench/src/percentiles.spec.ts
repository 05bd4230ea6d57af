import { latencySummary, percentile } from './percentiles.js';

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('latencySummary', () => {
  it('sorts latencies in any order and gives p50, p99 and max', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencySummary(xs)).toEqual({ p50: 50, p99: 99, max: 100 });
    expect(latencySummary([])).toEqual({ p50: Number.NaN, p99: Number.NaN, max: Number.NaN });
  });
});
