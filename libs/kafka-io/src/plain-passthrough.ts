import { randomUUID } from 'node:crypto';
import { Partitioners } from './kafkajs.js';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client-factory.js';

/**
 * The baseline a benchmark compares exactly-once against: consume, then produce the same records with
 * an idempotent producer, committing offsets after each batch (at least once). Resolves once `expected`
 * records were written, with the seconds it took from the first record read.
 */
export const runPlainPassthrough = async ({
  kafka: options,
  from,
  to,
  expected,
}: {
  kafka: KafkaClientOptions;
  from: string;
  to: string;
  expected: number;
}): Promise<{ seconds: number; records: number }> => {
  const kafka = createKafkaClient(options);
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `plain-${randomUUID()}`, maxWaitTimeInMs: 50 });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [from], fromBeginning: true });
  let written = 0;
  let started = 0;
  const done = new Promise<number>((resolve, reject) => {
    consumer
      .run({
        partitionsConsumedConcurrently: 3,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          started ||= Date.now();
          await producer.send({ topic: to, messages: batch.messages.map((m) => ({ key: m.key, value: m.value })) });
          written += batch.messages.length;
          resolveOffset(batch.messages[batch.messages.length - 1]!.offset);
          await heartbeat();
          if (written >= expected) resolve(Date.now());
        },
      })
      .catch(reject);
  });
  const finished = await done;
  await consumer.disconnect();
  await producer.disconnect();
  return { seconds: (finished - started) / 1000, records: written };
};
