import { connectClient } from './kafka-error-mapping.js';
import { Partitioners, type Kafka, type Producer } from './kafkajs.js';
import { isFencingError, KafkaIoError } from './kafka-io-error.js';
import type { OutputRecord } from './kafka-records.js';
import { partitionBatches } from './partition-batches.js';
import { topicMessages } from './topic-messages.js';

/**
 * One transactional producer for one input partition (transactional id
 * `<prefix>-<topic>-<partition>`). Starting it fences any earlier owner of the same partition: a zombie
 * left from a rebalance or a SIGKILL can no longer commit. Sends are serialised by the caller.
 */
export interface PartitionTransactor {
  readonly transactionalId: string;
  /** Outputs and the input offset (plus its metadata) in one transaction. */
  commit(
    outputs: readonly OutputRecord[],
    offset: { readonly groupId: string; readonly topic: string; readonly partition: number; readonly next: bigint; readonly metadata: string | null },
  ): Promise<void>;
  close(): Promise<void>;
}

export const startPartitionTransactor = async (
  kafka: Kafka,
  transactionalId: string,
  /** The partition count of an output topic (cached by the caller): keyed records are placed here, not by KafkaJS. */
  partitionCount: (topic: string) => Promise<number>,
): Promise<PartitionTransactor> => {
  const producer: Producer = kafka.producer({
    transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    transactionTimeout: 30_000,
    // idempotence needs unlimited retries; the transaction timeout bounds a stuck one
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 30, maxRetryTime: 1_000 },
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await connectClient(producer);
  // InitProducerId bumps the epoch: the previous owner's producer is fenced from here on.
  const fence = await producer.transaction();
  await fence.abort();
  let broken = false;
  return {
    transactionalId,
    async commit(outputs, offset) {
      if (broken) throw new KafkaIoError('fenced', `${transactionalId} was fenced or failed; start a new one`, { retriable: false });
      const counts = new Map<string, number>();
      for (const topic of new Set(outputs.filter((o) => o.partition === undefined && o.key !== null).map((o) => o.topic))) {
        counts.set(topic, await partitionCount(topic));
      }
      const txn = await producer.transaction();
      try {
        // One partition per request, so that each request goes to one broker (see partitionBatches).
        for (const batch of partitionBatches(outputs, (topic) => counts.get(topic)!)) {
          for (const chunk of produceChunks(batch)) await txn.sendBatch({ topicMessages: topicMessages(chunk) });
        }
        await txn.sendOffsets({
          consumerGroupId: offset.groupId,
          topics: [
            {
              topic: offset.topic,
              partitions: [{ partition: offset.partition, offset: offset.next.toString(), metadata: offset.metadata } as { partition: number; offset: string }],
            },
          ],
        });
        await txn.commit();
      } catch (e) {
        broken = true;
        await txn.abort().catch(() => undefined);
        const fenced = isFencingError(e);
        throw new KafkaIoError(
          fenced ? 'fenced' : 'commit_failed',
          `${transactionalId}: ${fenced ? 'fenced by a newer owner' : 'transaction failed'}: ${(e as Error).message}`,
          {
            retriable: !fenced,
            topic: offset.topic,
            partition: offset.partition,
            cause: e,
          },
        );
      }
    },
    close: () => producer.disconnect(),
  };
};

/** Under the broker's default max.message.bytes (1 MiB) per produce request, whatever a batch yields. */
const CHUNK_BYTES = 512 * 1024;

const sizeOf = (r: OutputRecord): number =>
  64 + (r.key?.length ?? 0) + (r.value?.length ?? 0) + Object.entries(r.headers ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);

/** Splits outputs into consecutive runs of about CHUNK_BYTES (a larger record goes alone), keeping their order. */
export const produceChunks = (outputs: readonly OutputRecord[]): OutputRecord[][] => {
  const chunks: OutputRecord[][] = [];
  let current: OutputRecord[] = [];
  let bytes = 0;
  for (const o of outputs) {
    const size = sizeOf(o);
    if (current.length && bytes + size > CHUNK_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(o);
    bytes += size;
  }
  if (current.length) chunks.push(current);
  return chunks;
};
