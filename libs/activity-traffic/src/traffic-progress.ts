import type { TrafficOpKind } from './traffic-planner.js';

export interface TrafficTotals {
  readonly rows: Readonly<Record<TrafficOpKind, number>>;
  readonly transactions: number;
  readonly errors: number;
}

export interface ProgressSample {
  readonly elapsedSeconds: number;
  readonly totals: TrafficTotals;
  /** Rows per second over the last interval. */
  readonly currentRate: number;
  readonly targetRate: number;
  readonly lastError?: string;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');

export const totalRows = (t: TrafficTotals): number => t.rows.insert + t.rows.update + t.rows.delete;

/** The live line: `12.0 s  5,012 rows/s (target 5,000, overall 4,990)  inserts 48,100 ...`. */
export const formatProgress = ({ elapsedSeconds, totals, currentRate, targetRate, lastError }: ProgressSample): string => {
  const overall = elapsedSeconds > 0 ? totalRows(totals) / elapsedSeconds : 0;
  const line =
    `${elapsedSeconds.toFixed(1)} s  ${n(currentRate)} rows/s (target ${n(targetRate)}, overall ${n(overall)})  ` +
    `inserts ${n(totals.rows.insert)}  updates ${n(totals.rows.update)}  deletes ${n(totals.rows.delete)}  ` +
    `transactions ${n(totals.transactions)}  errors ${n(totals.errors)}`;
  return lastError ? `${line}  last error: ${lastError}` : line;
};
