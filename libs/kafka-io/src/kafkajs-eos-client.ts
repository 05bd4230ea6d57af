import { connectClient } from './kafka-error-mapping.js';
import type { EachBatchPayload } from './kafkajs.js';
import type { EosBatch, EosClient } from './eos-client.js';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client-factory.js';
import { toInputRecord } from './kafka-records.js';
import { partitionOffsets } from './partition-offsets.js';
import { startPartitionTransactor } from './partition-transactor.js';

export interface KafkaJsEosClientOptions {
  readonly kafka: KafkaClientOptions;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly partitionsConsumedConcurrently?: number;
  readonly fromBeginning?: boolean;
  /** How long a fetch waits for records before returning what it has: the most batching adds to latency. */
  readonly maxWaitTimeInMs?: number;
  /** The most a fetch brings of one partition: the size of a batch, so of a transaction, on a backlog. */
  readonly maxBytesPerPartition?: number;
}

const toEosBatch = ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): EosBatch => ({
  topic: batch.topic,
  partition: batch.partition,
  records: batch.messages.map((m) => toInputRecord(batch.topic, batch.partition, m)),
  lastOffset: BigInt(batch.lastOffset()),
  offsetLag: Number(batch.offsetLag()),
  resolveOffset: (offset) => resolveOffset(offset.toString()),
  heartbeat,
  isRunning,
  isStale,
});

/** The exactly-once loop's client on KafkaJS: a read_committed group member that never commits offsets itself. */
export const connectKafkaJsEosClient = async ({
  kafka: clientOptions,
  groupId,
  topics,
  partitionsConsumedConcurrently = 3,
  fromBeginning = true,
  maxWaitTimeInMs = 50,
  maxBytesPerPartition = 1024 * 1024,
}: KafkaJsEosClientOptions): Promise<EosClient> => {
  const kafka = createKafkaClient(clientOptions);
  const admin = kafka.admin();
  const consumer = kafka.consumer({
    groupId,
    readUncommitted: false,
    maxWaitTimeInMs,
    maxBytesPerPartition,
    maxBytes: Math.max(maxBytesPerPartition * 4, 10 * 1024 * 1024),
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    retry: { retries: 10 },
  });
  await connectClient(admin);
  const counts = new Map<string, Promise<number>>();
  /** An output topic's partition count, read once (partitions are fixed: adding some is refused). */
  const partitionCount = (topic: string): Promise<number> => {
    let count = counts.get(topic);
    if (!count) {
      count = partitionOffsets(admin, topic).then((ps) => ps.length);
      count.catch(() => counts.delete(topic));
      counts.set(topic, count);
    }
    return count;
  };
  return {
    consumer: {
      listen(listener) {
        consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
          listener({
            type: 'joined',
            assignment: Object.entries(payload.memberAssignment).flatMap(([topic, ps]) => ps.map((partition) => ({ topic, partition }))),
          }),
        );
        consumer.on(consumer.events.REBALANCING, () => listener({ type: 'rebalancing' }));
        consumer.on(consumer.events.CRASH, ({ payload }) => listener({ type: 'crashed', error: payload.error, restart: payload.restart }));
      },
      async run(eachBatch) {
        await connectClient(consumer);
        await consumer.subscribe({ topics: [...topics], fromBeginning });
        await consumer.run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          partitionsConsumedConcurrently,
          eachBatch: (payload) => eachBatch(toEosBatch(payload)),
        });
      },
      disconnect: () => consumer.disconnect(),
    },
    offsets: {
      async committed(group, { topic, partition }) {
        const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        const p = entry?.partitions.find((x) => x.partition === partition);
        return { offset: p && Number(p.offset) >= 0 ? BigInt(p.offset) : -1n, metadata: p?.metadata ?? null };
      },
      range: async ({ topic, partition }) => (await partitionOffsets(admin, topic)).find((o) => o.partition === partition),
      close: () => admin.disconnect(),
    },
    startTransactor: (transactionalId) => startPartitionTransactor(kafka, transactionalId, partitionCount),
  };
};
