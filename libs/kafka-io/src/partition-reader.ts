import { connectClient } from './kafka-error-mapping.js';
import { randomUUID } from 'node:crypto';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client-factory.js';
import { toInputRecord, type InputRecord } from './kafka-records.js';
import { readPartitionOffsets } from './partition-offsets.js';
import { fixedPartitionsAssigner } from './fixed-partitions-assigner.js';

export interface ReadToEndOptions {
  readonly kafka: KafkaClientOptions;
  readonly topic: string;
  /** The partitions to read (default: all). */
  readonly partitions?: readonly number[];
  /** Called with each batch, in offset order per partition. */
  readonly onRecords: (records: readonly InputRecord[]) => void;
  /** Checked after each batch: true stops the read early (the result then counts what was read). */
  readonly stopWhen?: () => boolean;
  /** Gives up (rejecting) when the end is not reached in time. */
  readonly timeoutMs?: number;
}

export interface ReadToEndResult {
  /** The end offset read up to, per partition (the last stable offset: committed transactions only). */
  readonly ends: ReadonlyMap<number, bigint>;
  readonly records: number;
}

/**
 * Reads partitions from the beginning up to their last stable offset as it was when reading began,
 * `read_committed`, then stops: the restore of state kept in a compacted topic, or a consistent read
 * of an output topic. Transaction markers and aborted records count as read, so a log that ends in a
 * marker still ends.
 */
export const readToEnd = async ({
  kafka: options,
  topic,
  partitions,
  onRecords,
  stopWhen,
  timeoutMs = 300_000,
}: ReadToEndOptions): Promise<ReadToEndResult> => {
  const kafka = createKafkaClient(options);
  const offsets = await readPartitionOffsets(kafka, topic);
  const wanted = (p: number) => partitions === undefined || partitions.includes(p);
  const ends = new Map(offsets.filter((o) => wanted(o.partition)).map((o) => [o.partition, o.high]));
  const pending = new Set(offsets.filter((o) => wanted(o.partition) && o.high > o.low).map((o) => o.partition));
  let count = 0;
  if (pending.size === 0) return { ends, records: 0 };

  const consumer = kafka.consumer({
    groupId: `read-to-end-${randomUUID()}`,
    readUncommitted: false,
    maxWaitTimeInMs: 100,
    // 1 MiB a partition: a changelog's records are tens of bytes, and 16 MiB fetches held millions of
    // message objects at once, most of a restore's time then going to the garbage collector.
    maxBytesPerPartition: 1024 * 1024,
    maxBytes: 8 * 1024 * 1024,
    // Only the named partitions the topic has (a reader given one it lacks is not assigned it).
    ...(partitions ? { partitionAssigners: [fixedPartitionsAssigner(topic, [...ends.keys()])] } : {}),
  });
  let finish: (error?: Error) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve())));
  const timer = setTimeout(
    () => finish(new Error(`${topic}: partitions ${[...pending].join(', ')} not read to their end within ${timeoutMs / 1000} s`)),
    timeoutMs,
  );
  const reached = (partition: number, lastOffset: string) => {
    if (pending.has(partition) && BigInt(lastOffset) + 1n >= (ends.get(partition) ?? 0n)) {
      pending.delete(partition);
      if (pending.size === 0) finish();
    }
  };
  // Also fired for batches that held only markers or aborted records, which eachBatch never sees.
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => reached(payload.partition, payload.lastOffset));
  try {
    await connectClient(consumer);
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, pause }) => {
        if (!wanted(batch.partition) || !pending.has(batch.partition)) {
          if (!wanted(batch.partition)) pause();
          return;
        }
        const end = ends.get(batch.partition) ?? 0n;
        // Only the batch that crosses the end needs each offset compared (a BigInt per record is not free).
        const inside = BigInt(batch.lastOffset()) < end ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) < end);
        const records = inside.map((m) => toInputRecord(topic, batch.partition, m));
        count += records.length;
        if (records.length) onRecords(records);
        if (stopWhen?.()) finish();
      },
    });
    await done;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
  return { ends, records: count };
};

/**
 * Whether the partitions (all when omitted) hold at least one committed record: aborted
 * transactions (an app killed before its first commit) leave offsets but no record.
 */
export const hasCommittedRecords = async (kafka: KafkaClientOptions, topic: string, partitions?: readonly number[]): Promise<boolean> => {
  let found = false;
  await readToEnd({ kafka, topic, ...(partitions ? { partitions } : {}), onRecords: () => (found = true), stopWhen: () => found });
  return found;
};
