import type { TopicAdmin } from '@eap/kafka-io';
import { decodeWindowMeta, MICROS_PER_HOUR } from '@eap/windowing';

export interface AggregatorProgress {
  /**
   * The lowest watermark over the aggregator's partitions that have one (wall-clock epoch micros),
   * null before any: a lagging partition's groups are still checked.
   */
  readonly watermark: number | null;
  /**
   * Where `verify` starts checking: the lowest over partitions of watermark minus the retention that
   * partition's aggregator committed (or `fallbackRetentionHours` for metadata without it).
   */
  readonly horizon: number | null;
  /** The retentions committed by the partitions (hours), for the report. */
  readonly retentionHours: readonly number[];
  /** Input offsets (records and transaction markers) the aggregator has not committed past, over all partitions. */
  readonly lag: bigint;
  readonly partitions: number;
}

/**
 * Where the aggregator is, from what it committed: its offsets on the processed topic and the window
 * metadata committed with them (see the summary aggregator's README section on recovery).
 */
export const readAggregatorProgress = async (
  admin: TopicAdmin,
  groupId: string,
  processedTopic: string,
  fallbackRetentionHours: number,
): Promise<AggregatorProgress> => {
  const [committed, ends] = await Promise.all([admin.committedOffsets(groupId, processedTopic), admin.endOffsets(processedTopic)]);
  let watermark: number | null = null;
  let horizon: number | null = null;
  const retentions = new Set<number>();
  let lag = 0n;
  for (const [partition, end] of ends) {
    const c = committed.get(partition);
    lag += end - (c && c.offset >= 0n ? c.offset : 0n);
    const meta = decodeWindowMeta(c?.metadata ?? null);
    if (meta.kind !== 'ok' || meta.meta.watermark === null) continue;
    const retention = meta.meta.retentionHours ?? fallbackRetentionHours;
    retentions.add(retention);
    watermark = Math.min(watermark ?? Number.POSITIVE_INFINITY, meta.meta.watermark);
    horizon = Math.min(horizon ?? Number.POSITIVE_INFINITY, meta.meta.watermark - retention * MICROS_PER_HOUR);
  }
  return { watermark, horizon, retentionHours: [...retentions].sort((a, b) => a - b), lag, partitions: ends.size };
};
