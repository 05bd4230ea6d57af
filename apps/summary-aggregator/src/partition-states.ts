import { restoreFromChangelog, type WindowAggregator, type WindowAggregatorOptions, type WindowMeta } from '@eap/windowing';
import type { AggregatorMetrics } from './aggregator-metrics.js';

/** Reads one changelog partition from its beginning to its end, handing over each batch of records. */
export type ChangelogLoader = (
  partition: number,
  onRecords: (records: readonly { readonly key: Buffer | null; readonly value: Buffer | null }[]) => void,
) => Promise<{ readonly records: number }>;

export interface PartitionStates {
  has(partition: number): boolean;
  get(partition: number): WindowAggregator;
  /** Rebuilds the partition's windows from the changelog and the metadata committed with its offset. */
  restore(partition: number, meta: WindowMeta, heartbeat: () => Promise<void>): Promise<WindowAggregator>;
  /** The partition went to another instance: its windows and gauges go (they are restored wherever it lands). */
  release(partition: number): void;
  /** Publishes the partition's gauges after a batch. */
  observe(partition: number, aggregator: WindowAggregator): void;
  all(): ReadonlyMap<number, WindowAggregator>;
}

export interface PartitionStatesDeps {
  readonly options: WindowAggregatorOptions;
  readonly loadChangelog: ChangelogLoader;
  readonly metrics: AggregatorMetrics;
  readonly log: (event: string, detail: Readonly<Record<string, unknown>>) => void;
  readonly wallClockMicros?: () => number;
}

/** One window aggregator per input partition: the state moves with the partition and its changelog. */
export const createPartitionStates = ({
  options,
  loadChangelog,
  metrics,
  log,
  wallClockMicros = () => Date.now() * 1000,
}: PartitionStatesDeps): PartitionStates => {
  const states = new Map<number, WindowAggregator>();
  const observe = (partition: number, aggregator: WindowAggregator) => {
    const s = aggregator.stats();
    const labels = { partition: String(partition) };
    metrics.liveKeys.set(labels, s.liveKeys);
    metrics.groups.set(labels, s.groups);
    metrics.openWindows.set(labels, s.openWindows);
    metrics.late.set(labels, s.lateCount);
    if (s.watermark !== null) metrics.watermarkLag.set(labels, (wallClockMicros() - s.watermark) / 1e6);
  };
  return {
    has: (partition) => states.has(partition),
    get: (partition) => {
      const state = states.get(partition);
      if (!state) throw new Error(`partition ${partition} has no window state`);
      return state;
    },
    async restore(partition, meta, heartbeat) {
      const started = performance.now();
      const restore = restoreFromChangelog(options);
      let beat = performance.now();
      const { records } = await loadChangelog(partition, (batch) => {
        for (const r of batch) {
          const put = restore.put(r.key, r.value);
          if (put.kind === 'invalid') throw new Error(`changelog partition ${partition}: ${put.detail}`);
        }
        if (performance.now() - beat > 1_000) {
          beat = performance.now();
          void heartbeat().catch(() => undefined);
        }
      });
      const aggregator = restore.finish(meta);
      states.set(partition, aggregator);
      const seconds = (performance.now() - started) / 1000;
      metrics.restoreSeconds.observe(seconds);
      observe(partition, aggregator);
      log('aggregator.restored', {
        partition,
        changelogRecords: records,
        groups: restore.groups,
        liveKeys: aggregator.stats().liveKeys,
        watermark: meta.watermark,
        seconds: Number(seconds.toFixed(3)),
      });
      return aggregator;
    },
    release(partition) {
      states.delete(partition);
      const labels = { partition: String(partition) };
      for (const gauge of [metrics.liveKeys, metrics.groups, metrics.openWindows, metrics.late, metrics.watermarkLag]) gauge.remove(labels);
    },
    observe,
    all: () => states,
  };
};
