import { Partitioners } from './kafkajs.js';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client-factory.js';
import { connectClient, kafkaIoErrorOf } from './kafka-error-mapping.js';
import type { OutputRecord } from './kafka-records.js';
import { topicMessages } from './topic-messages.js';

export interface RecordWriter {
  /** Writes the records (idempotent producer, acks from all in-sync replicas), in order per partition. */
  send(records: readonly OutputRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface TransactionalWriter {
  /** Begins a transaction: its records are seen by read_committed readers only once it commits. */
  begin(): Promise<{ send(records: readonly OutputRecord[]): Promise<void>; commit(): Promise<void>; abort(): Promise<void> }>;
  close(): Promise<void>;
}

/** A plain writer for tools, tests and benchmarks (the apps write through the exactly-once loop). */
export const createRecordWriter = async (options: KafkaClientOptions): Promise<RecordWriter> => {
  const producer = createKafkaClient({ clientId: 'record-writer', ...options }).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await connectClient(producer);
  return {
    async send(records) {
      await producer.sendBatch({ topicMessages: topicMessages(records) }).catch((e: unknown) => {
        throw kafkaIoErrorOf(e);
      });
    },
    close: () => producer.disconnect(),
  };
};

/** A writer whose records go in transactions it commits or aborts: for tests of what read_committed readers see. */
export const createTransactionalWriter = async (options: KafkaClientOptions & { readonly transactionalId: string }): Promise<TransactionalWriter> => {
  const { transactionalId, ...client } = options;
  const producer = createKafkaClient({ clientId: 'transactional-writer', ...client }).producer({
    transactionalId,
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await connectClient(producer);
  return {
    async begin() {
      const tx = await producer.transaction();
      return {
        send: async (records) => void (await tx.sendBatch({ topicMessages: topicMessages(records) })),
        commit: () => tx.commit(),
        abort: () => tx.abort(),
      };
    },
    close: () => producer.disconnect(),
  };
};
