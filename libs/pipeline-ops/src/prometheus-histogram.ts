/** A Prometheus histogram as the text format gives it: cumulative counts per upper bound. */
export interface HistogramSample {
  /** Ascending upper bounds with cumulative counts; the last bound is +Inf. */
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
  readonly count: number;
  readonly sum: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{([^}]*)\})?\s+(\S+)/;

/** The histogram `name` in a `/metrics` text, its label sets summed; null when absent. */
export const parseHistogram = (text: string, name: string): HistogramSample | null => {
  const byLe = new Map<number, number>();
  let count = 0;
  let sum = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const [, metric, labels = '', raw] = m;
    const value = Number(raw);
    if (metric === `${name}_bucket`) {
      const le = /(?:^|,)le="([^"]+)"/.exec(labels)?.[1];
      if (le === undefined) continue;
      const bound = le === '+Inf' ? Infinity : Number(le);
      byLe.set(bound, (byLe.get(bound) ?? 0) + value);
      seen = true;
    } else if (metric === `${name}_count`) count += value;
    else if (metric === `${name}_sum`) sum += value;
  }
  if (!seen) return null;
  const buckets = [...byLe].sort(([a], [b]) => a - b).map(([le, c]) => ({ le, count: c }));
  return { buckets, count, sum };
};

/** What was observed between two samples of the same histogram (a process restart starts again from `now`). */
export const histogramSince = (now: HistogramSample, earlier: HistogramSample | null): HistogramSample => {
  if (earlier === null || earlier.count > now.count) return now;
  const before = new Map(earlier.buckets.map((b) => [b.le, b.count]));
  return {
    buckets: now.buckets.map((b) => ({ le: b.le, count: b.count - (before.get(b.le) ?? 0) })),
    count: now.count - earlier.count,
    sum: now.sum - earlier.sum,
  };
};

/**
 * The q-quantile, interpolated linearly inside its bucket as PromQL's `histogram_quantile` does;
 * null with no observations. A quantile in the +Inf bucket is the highest finite bound.
 */
export const histogramQuantile = (q: number, h: HistogramSample): number | null => {
  const total = h.buckets[h.buckets.length - 1]?.count ?? 0;
  if (total <= 0) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const { le, count } of h.buckets) {
    if (count >= rank) {
      if (le === Infinity) return lowerBound;
      return lowerBound + (le - lowerBound) * ((rank - lowerCount) / Math.max(count - lowerCount, 1e-9));
    }
    lowerBound = le;
    lowerCount = count;
  }
  return lowerBound;
};
