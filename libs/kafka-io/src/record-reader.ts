import { connectClient, kafkaIoErrorOf } from './kafka-error-mapping.js';
import { KafkaIoError } from './kafka-io-error.js';
import { randomUUID } from 'node:crypto';
import { createKafkaClient } from './kafka-client-factory.js';
import { toInputRecord, type InputRecord } from './kafka-records.js';

/** A record as read, with its key and value as raw bytes (null for a tombstone). */
export type ConsumedRecord = InputRecord;

export interface ReadOptions {
  readonly brokers: readonly string[];
  readonly topic: string;
  /** Stop once this returns true for the records read so far. */
  readonly until: (records: readonly ConsumedRecord[]) => boolean;
  readonly timeoutMs?: number;
  readonly isolation?: 'read_committed' | 'read_uncommitted';
  /** Stops the read when aborted (it then returns what it has), for a reader that runs until told. */
  readonly signal?: AbortSignal;
}

/**
 * Reads a topic from the beginning with a throw-away group until `until` holds, the timeout passes or
 * `signal` aborts (then it returns what it has). For tests and the `tail` command; not for the processors.
 */
export const readRecords = async ({
  brokers,
  topic,
  until,
  timeoutMs = 30_000,
  isolation = 'read_committed',
  signal,
}: ReadOptions): Promise<readonly ConsumedRecord[]> => {
  const consumer = createKafkaClient({ brokers, clientId: 'record-reader' }).consumer({
    groupId: `reader-${randomUUID()}`,
    readUncommitted: isolation === 'read_uncommitted',
    maxWaitTimeInMs: 200,
  });
  const records: ConsumedRecord[] = [];
  await waitForTopic(brokers, topic, timeoutMs);
  await connectClient(consumer);
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      const stop = () => {
        clearTimeout(timer);
        resolve();
      };
      if (signal?.aborted) stop();
      signal?.addEventListener('abort', stop, { once: true });
      consumer
        .run({
          eachMessage: async ({ topic: t, partition, message }) => {
            records.push(toInputRecord(t, partition, message));
            if (until(records)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
};

/** Debezium creates its topics on the first change: wait until `topic` exists (or time out). */
export const waitForTopic = async (brokers: readonly string[], topic: string, timeoutMs = 30_000): Promise<void> => {
  const admin = createKafkaClient({ brokers, clientId: 'topic-wait', logLevel: 'nothing' }).admin();
  await connectClient(admin);
  try {
    const deadline = Date.now() + timeoutMs;
    while (!(await admin.listTopics()).includes(topic)) {
      if (Date.now() > deadline)
        throw new KafkaIoError('topic_absent', `topic ${topic} did not appear within ${timeoutMs / 1000} s`, { retriable: true, topic });
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
};

/**
 * Waits for `topic` as long as it takes (an app started before the one that creates its input), and says
 * why every `everyMs`: the topic still absent, or the cluster not answering, with KafkaJS's error. An
 * error that waiting cannot cure (a bad broker address, a bug) is thrown.
 */
export const awaitTopic = async ({
  brokers,
  topic,
  everyMs = 30_000,
  onWaiting,
}: {
  brokers: readonly string[];
  topic: string;
  everyMs?: number;
  onWaiting: (detail: { readonly topic: string; readonly reason: string }) => void;
}): Promise<void> => {
  for (;;) {
    try {
      return await waitForTopic(brokers, topic, everyMs);
    } catch (e) {
      const mapped = kafkaIoErrorOf(e);
      if (!(mapped instanceof KafkaIoError && mapped.retriable)) throw mapped;
      onWaiting({ topic, reason: mapped.message });
    }
  }
};
