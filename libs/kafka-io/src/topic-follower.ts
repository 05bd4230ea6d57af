import { connectClient } from './kafka-error-mapping.js';
import { randomUUID } from 'node:crypto';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client-factory.js';
import { toInputRecord, type InputRecord } from './kafka-records.js';
import { waitForTopic } from './record-reader.js';
import { readPartitionOffsets } from './partition-offsets.js';

export interface TopicFollower {
  /** Resolves once every partition has been read up to the end offsets it had when following began. */
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads a whole topic from the beginning (or from its end, or its last records) and keeps following
 * it (a table kept from a changelog, such as the employees topic; the console's latest events). No
 * offsets are committed: each start reads again.
 */
export const followTopic = async ({
  kafka: options,
  topic,
  onRecords,
  waitForTopicMs = 60_000,
  fromBeginning = true,
  lastPerPartition,
  onCrash = () => undefined,
}: {
  kafka: KafkaClientOptions;
  topic: string;
  /** Awaited before the next batch: a rejection re-reads the batch (after KafkaJS's retry back-off). */
  onRecords: (records: readonly InputRecord[]) => void | Promise<void>;
  waitForTopicMs?: number;
  /** false: only records written from now on (and `caughtUp` resolves at once). */
  fromBeginning?: boolean;
  /** Start this many offsets before each partition's end instead (overrides `fromBeginning`). */
  lastPerPartition?: number;
  /** The consumer stopped for good (the broker gone past KafkaJS's retries): start a new follower. */
  onCrash?: (error: Error) => void;
}): Promise<TopicFollower> => {
  await waitForTopic(options.brokers, topic, waitForTopicMs);
  const kafka = createKafkaClient(options);
  const offsets = await readPartitionOffsets(kafka, topic);
  const ends = new Map(offsets.map((o) => [o.partition, o.high]));
  const starts = new Map(
    offsets.map(({ partition, low, high }) => {
      const from = lastPerPartition !== undefined ? high - BigInt(lastPerPartition) : fromBeginning ? low : high;
      return [partition, from < low ? low : from];
    }),
  );
  const pending = new Set([...ends].filter(([p, end]) => end > (starts.get(p) ?? end)).map(([p]) => p));
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  if (pending.size === 0) markCaughtUp();

  const consumer = kafka.consumer({ groupId: `follower-${randomUUID()}`, maxWaitTimeInMs: 100 });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) onCrash(payload.error);
  });
  await connectClient(consumer);
  await consumer.subscribe({ topics: [topic], fromBeginning: lastPerPartition !== undefined || fromBeginning });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const records = batch.messages.map((m) => toInputRecord(topic, batch.partition, m));
      await onRecords(records);
      const last = records[records.length - 1];
      if (last && pending.has(batch.partition) && last.offset + 1n >= (ends.get(batch.partition) ?? 0n)) {
        pending.delete(batch.partition);
        if (pending.size === 0) markCaughtUp();
      }
    },
  });
  if (lastPerPartition !== undefined) for (const [partition, offset] of starts) consumer.seek({ topic, partition, offset: offset.toString() });
  return {
    caughtUp,
    stop: () => consumer.disconnect(),
  };
};
