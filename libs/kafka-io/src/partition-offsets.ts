import { connectClient } from './kafka-error-mapping.js';
import type { Admin, Kafka } from './kafkajs.js';
import { retryRetriable } from './retry-retriable.js';

export interface PartitionOffsets {
  readonly partition: number;
  /** Log start offset. */
  readonly low: bigint;
  /** High watermark (end offset). */
  readonly high: bigint;
}

/**
 * A topic's start and end offset per partition, in partition order. A partition whose leader is
 * still being elected (a topic created a moment ago) answers NOT_LEADER, which KafkaJS does not
 * retry: this does.
 */
export const partitionOffsets = async (admin: Admin, topic: string): Promise<readonly PartitionOffsets[]> =>
  (await retryRetriable(() => admin.fetchTopicOffsets(topic)))
    .map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) }))
    .sort((a, b) => a.partition - b.partition);

/** The same through a short-lived admin client of `kafka`. */
export const readPartitionOffsets = async (kafka: Kafka, topic: string): Promise<readonly PartitionOffsets[]> => {
  const admin = kafka.admin();
  await connectClient(admin);
  try {
    return await partitionOffsets(admin, topic);
  } finally {
    await admin.disconnect();
  }
};
