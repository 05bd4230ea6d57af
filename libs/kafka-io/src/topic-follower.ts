import { randomUUID } from 'node:crypto';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client-factory.js';
import { toInputRecord, type InputRecord } from './kafka-records.js';
import { waitForTopic } from './record-reader.js';
import { retryRetriable } from './retry-retriable.js';

export interface TopicFollower {
  /** Resolves once every partition has been read up to the end offsets it had when following began. */
  readonly caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Reads a whole topic from the beginning (or from its end) and keeps following it (a table kept from a changelog, such as
 * the employees topic). No offsets are committed: each start reads it all again.
 */
export const followTopic = async ({
  kafka: options,
  topic,
  onRecords,
  waitForTopicMs = 60_000,
  fromBeginning = true,
}: {
  kafka: KafkaClientOptions;
  topic: string;
  onRecords: (records: readonly InputRecord[]) => void;
  waitForTopicMs?: number;
  /** false: only records written from now on (and `caughtUp` resolves at once). */
  fromBeginning?: boolean;
}): Promise<TopicFollower> => {
  await waitForTopic(options.brokers, topic, waitForTopicMs);
  const kafka = createKafkaClient(options);
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await retryRetriable(() => admin.fetchTopicOffsets(topic))).map((o) => [o.partition, BigInt(o.high)]));
  await admin.disconnect();
  const pending = new Set([...ends].filter(([, end]) => end > 0n).map(([p]) => p));
  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  if (!fromBeginning) pending.clear();
  if (pending.size === 0) markCaughtUp();

  const consumer = kafka.consumer({ groupId: `follower-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const records = batch.messages.map((m) => toInputRecord(topic, batch.partition, m));
      onRecords(records);
      const last = records[records.length - 1];
      if (last && pending.has(batch.partition) && last.offset + 1n >= (ends.get(batch.partition) ?? 0n)) {
        pending.delete(batch.partition);
        if (!fromBeginning) pending.clear();
  if (pending.size === 0) markCaughtUp();
      }
    },
  });
  return {
    caughtUp,
    stop: () => consumer.disconnect(),
  };
};
