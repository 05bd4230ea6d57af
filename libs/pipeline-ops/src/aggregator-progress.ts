import type { TopicAdmin } from '@eap/kafka-io';
import { decodeWindowMeta } from '@eap/windowing';

export interface AggregatorProgress {
  /** The highest watermark over the aggregator's partitions (wall-clock epoch micros), null before any. */
  readonly watermark: number | null;
  /** Input offsets (records and transaction markers) the aggregator has not committed past, over all partitions. */
  readonly lag: bigint;
  readonly partitions: number;
}

/**
 * Where the aggregator is, from what it committed: its offsets on the processed topic and the window
 * metadata committed with them (see the summary aggregator's README section on recovery).
 */
export const readAggregatorProgress = async (admin: TopicAdmin, groupId: string, processedTopic: string): Promise<AggregatorProgress> => {
  const [committed, ends] = await Promise.all([admin.committedOffsets(groupId, processedTopic), admin.endOffsets(processedTopic)]);
  let watermark: number | null = null;
  let lag = 0n;
  for (const [partition, end] of ends) {
    const c = committed.get(partition);
    lag += end - (c && c.offset >= 0n ? c.offset : 0n);
    const meta = decodeWindowMeta(c?.metadata ?? null);
    if (meta.kind === 'ok' && meta.meta.watermark !== null) watermark = Math.max(watermark ?? Number.NEGATIVE_INFINITY, meta.meta.watermark);
  }
  return { watermark, lag, partitions: ends.size };
};
