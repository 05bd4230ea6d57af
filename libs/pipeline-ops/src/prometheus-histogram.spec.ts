import { histogramQuantile, histogramSince, parseHistogram } from './prometheus-histogram.js';

const text = (b: [string, number][], count: number, sum: number) =>
  [
    '# HELP enrichment_end_to_end_latency_seconds From the commit',
    '# TYPE enrichment_end_to_end_latency_seconds histogram',
    ...b.map(([le, c]) => `enrichment_end_to_end_latency_seconds_bucket{le="${le}"} ${c}`),
    `enrichment_end_to_end_latency_seconds_sum ${sum}`,
    `enrichment_end_to_end_latency_seconds_count ${count}`,
    'enrichment_records_in_total 12',
  ].join('\n');

describe('prometheus histograms', () => {
  const earlier = parseHistogram(
    text(
      [
        ['0.05', 0],
        ['0.1', 10],
        ['0.5', 10],
        ['+Inf', 10],
      ],
      10,
      0.8,
    ),
    'enrichment_end_to_end_latency_seconds',
  )!;
  const now = parseHistogram(
    text(
      [
        ['0.05', 50],
        ['0.1', 60],
        ['0.5', 109],
        ['+Inf', 110],
      ],
      110,
      9.5,
    ),
    'enrichment_end_to_end_latency_seconds',
  )!;

  it('reads the buckets in order, with +Inf last, and the count and sum', () => {
    expect(now.buckets.map((b) => b.le)).toEqual([0.05, 0.1, 0.5, Infinity]);
    expect(now).toMatchObject({ count: 110, sum: 9.5 });
    expect(parseHistogram('enrichment_records_in_total 12', 'enrichment_end_to_end_latency_seconds')).toBeNull();
  });

  it('interpolates quantiles inside the bucket, as histogram_quantile does', () => {
    // 50 of 110 under 50 ms; the median (rank 55) lies halfway into the 50-100 ms bucket.
    expect(histogramQuantile(0.5, now)).toBeCloseTo(0.075, 6);
    // rank 108.9 of 110 lies in 100-500 ms: 48.9 of its 49.
    expect(histogramQuantile(0.99, now)).toBeCloseTo(0.1 + 0.4 * (48.9 / 49), 6);
  });

  it('gives the quantiles of what happened since an earlier sample, and starts again after a restart', () => {
    const recent = histogramSince(now, earlier);
    expect(recent.count).toBe(100);
    // Of the last 100: 50 under 50 ms, none in 50-100 ms, 49 in 100-500 ms.
    expect(histogramQuantile(0.5, recent)).toBeCloseTo(0.05, 6);
    expect(histogramSince(earlier, now)).toBe(earlier);
    expect(histogramQuantile(0.5, histogramSince(now, now))).toBeNull();
  });

  it('answers the highest finite bound for a quantile in +Inf', () => {
    const slow = parseHistogram(
      text(
        [
          ['0.05', 0],
          ['0.1', 0],
          ['+Inf', 4],
        ],
        4,
        100,
      ),
      'enrichment_end_to_end_latency_seconds',
    )!;
    expect(histogramQuantile(0.99, slow)).toBe(0.1);
  });
});
