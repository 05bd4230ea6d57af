import type { CpuUse } from './cpu-accounting.js';

/** What one capture of N committed rows took, processors stopped. */
export interface CaptureFigures {
  readonly format: 'avro' | 'json';
  readonly rows: number;
  /** From the COMMIT returning to the last change event in the activities topic. */
  readonly seconds: number;
  /** Mean size of an activity change event's value on the topic. */
  readonly valueBytes: number;
  /** CPU seconds each component used from the COMMIT to the last event. */
  readonly cpu?: readonly CpuUse[];
}

/** A processor started on a backlog: from having its partitions to its last commit, its start excluded. */
export interface DrainFigures {
  readonly app: 'enrichment-processor' | 'summary-aggregator';
  readonly format: 'avro' | 'json';
  /** The backlog's records, all processed in `seconds`. */
  readonly records: number;
  readonly seconds: number;
  /** From the process start to having its partitions (loading, joining the group). */
  readonly startSeconds: number;
  /** CPU seconds each component used during the drain. */
  readonly cpu?: readonly CpuUse[];
  /** The folder of the `.cpuprofile`s written (one per thread), when profiled (BENCH_CPU_PROF_DIR). */
  readonly profile?: string;
}

/** Rows committed at a paced rate with everything running: commit -> enriched and commit -> summary. */
export interface PacedFigures {
  readonly share: number;
  readonly rate: number;
  readonly rows: number;
  readonly enriched: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Commit -> the processor enriching the row (capture, source topic, fetch): the first part of commit -> enriched. */
  readonly inProcessor: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Commit -> Connect sending the change event (the source record's timestamp): the capture's share. */
  readonly captured?: { readonly p50: number; readonly p99: number; readonly max: number };
  /** How long the rows were written, and the CPU seconds each component used meanwhile. */
  readonly seconds?: number;
  readonly cpu?: readonly CpuUse[];
  readonly summary: { readonly p50: number; readonly p99: number; readonly max: number };
  readonly verified: boolean;
}

export interface E2eFigures {
  readonly capture: readonly CaptureFigures[];
  readonly drains: readonly DrainFigures[];
  /** The N rows in one transaction with everything running: commit -> the last summary committed. */
  readonly live: {
    readonly rows: number;
    readonly seconds: number;
    readonly verified: boolean;
    /** Each app's resident memory once the rows are through. */
    readonly rss: { readonly processor: number; readonly aggregator: number };
    /** CPU seconds each component used from the COMMIT to the last summary. */
    readonly cpu?: readonly CpuUse[];
  };
  /** The machine's cores: what the CPU seconds above are shared out of. */
  readonly cores?: number;
  readonly paced: readonly PacedFigures[];
}

export const rateOf = (f: { readonly rows?: number; readonly records?: number; readonly seconds: number }): number => (f.rows ?? f.records ?? 0) / f.seconds;

/** A ratio with its goal, as the report prints it and the closing checks judge it. */
export interface Ratio {
  readonly name: string;
  readonly value: number;
  readonly goal: number;
  /** `min`: the value must be at least the goal; `max`: below it. */
  readonly kind: 'min' | 'max';
  readonly unit?: string;
}

/** The goals, as ratios of one run (and one latency bound). Missing parts give NaN. */
export const e2eRatios = (f: E2eFigures): readonly Ratio[] => {
  const capture = (format: 'avro' | 'json') => f.capture.find((c) => c.format === format);
  const drain = (app: DrainFigures['app']) => f.drains.find((d) => d.app === app && d.format === 'avro');
  const rate = (x: Parameters<typeof rateOf>[0] | undefined) => (x ? rateOf(x) : Number.NaN);
  const captureAvro = rate(capture('avro'));
  const half = f.paced.find((p) => p.share === 0.5);
  return [
    { name: 'capture avro / capture json', value: captureAvro / rate(capture('json')), goal: 1.5, kind: 'min' },
    { name: 'enrichment drain / capture', value: rate(drain('enrichment-processor')) / captureAvro, goal: 1.0, kind: 'min' },
    { name: 'aggregator drain / enrichment drain', value: rate(drain('summary-aggregator')) / rate(drain('enrichment-processor')), goal: 1.0, kind: 'min' },
    { name: 'live end-to-end / capture alone', value: rate(f.live) / captureAvro, goal: 0.9, kind: 'min' },
    { name: 'p99 commit -> summary at 50 % of capture', value: half?.summary.p99 ?? Number.NaN, goal: 500, kind: 'max', unit: 'ms' },
  ];
};

export const meets = (r: Ratio): boolean => (r.kind === 'min' ? r.value >= r.goal : r.value < r.goal);
