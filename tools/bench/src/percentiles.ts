/** The p-th percentile (0-100) by nearest rank, of numbers already sorted ascending. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
};

/** p50, p99 and max of latencies in any order (sorted here, in place). */
export const latencySummary = (values: number[]): { readonly p50: number; readonly p99: number; readonly max: number } => {
  values.sort((x, y) => x - y);
  return { p50: percentile(values, 50), p99: percentile(values, 99), max: values[values.length - 1] ?? Number.NaN };
};
