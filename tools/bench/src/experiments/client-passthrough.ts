/**
 * What the Kafka client costs: the processor's exactly-once path without its decoding and rules.
 * One input partition of N records of B bytes (about what Debezium's Avro writes) is copied to an
 * output topic, each fetched batch in one transaction that also commits the input offset with
 * metadata, as the processor does: by KafkaJS through our exactly-once loop, and by librdkafka
 * through @confluentinc/kafka-javascript's lower-level API (which keeps offset metadata).
 *
 * Not part of `npm test` or `npm run bench`: @confluentinc/kafka-javascript is not a dependency of
 * the project (it compiles librdkafka). To run it (stack up):
 *   mkdir -p /tmp/ckjs && cd /tmp/ckjs && npm init -y && \
 *     CKJS_LINKING=dynamic npm install @confluentinc/kafka-javascript@1.10.1
 * (its prebuilt binary is a GitHub download, unreachable here, so node-pre-gyp builds librdkafka from
 * the tarball's sources: about 2 minutes on this machine; needs g++, make, python3, libssl-dev).
 *   cd - && CKJS_DIR=/tmp/ckjs/node_modules/@confluentinc/kafka-javascript \
 *     NODE_OPTIONS=--conditions=@eap/source npx tsx tools/bench/src/experiments/client-passthrough.ts
 * Settings: PASSTHROUGH_RECORDS (200,000), PASSTHROUGH_BYTES (280), PASSTHROUGH_CLIENTS (kafkajs,rdkafka),
 * PASSTHROUGH_RDKAFKA_BATCH (20,000 records a transaction).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createRecordWriter, createTopicAdmin, startExactlyOnceLoop } from '@eap/kafka-io';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const records = Number(process.env['PASSTHROUGH_RECORDS'] ?? 200_000);
const bytes = Number(process.env['PASSTHROUGH_BYTES'] ?? 280);
const clients = (process.env['PASSTHROUGH_CLIENTS'] ?? 'kafkajs,rdkafka').split(',');
/** Records per librdkafka transaction: about what one 8 MiB KafkaJS fetch brings of 280-byte records. */
const rdkafkaBatch = Number(process.env['PASSTHROUGH_RDKAFKA_BATCH'] ?? 20_000);
const prefix = `bench-cp-${randomBytes(3).toString('hex')}`;
const input = `${prefix}-in`;

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Seconds from the first batch to the last record committed, and the process's CPU seconds meanwhile (every thread). */
interface Run {
  readonly client: string;
  readonly seconds: number;
  readonly cpu: number;
  readonly transactions: number;
}

const viaKafkajs = async (): Promise<Run> => {
  let copied = 0;
  let transactions = 0;
  let started = 0;
  let cpuStart = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const loop = await startExactlyOnceLoop({
    kafka: { brokers, clientId: 'passthrough-kafkajs' },
    groupId: `${prefix}-kafkajs`,
    transactionalIdPrefix: `${prefix}-kafkajs`,
    topics: [input],
    fromBeginning: true,
    maxBytesPerPartition: 8 * 1024 * 1024,
    handleBatch: async (batch) => {
      if (started === 0) [started, cpuStart] = [performance.now(), cpuSeconds()];
      copied += batch.length;
      transactions++;
      return { outputs: batch.map((r) => ({ topic: `${prefix}-out-kafkajs`, key: r.key, value: r.value })), metadata: `{"n":${copied}}` };
    },
    on: (event) => {
      if (event === 'eos.committed' && copied >= records) finish();
    },
    onCrash: (error) => {
      throw error;
    },
  });
  await done;
  const run = { client: 'kafkajs', seconds: (performance.now() - started) / 1000, cpu: cpuSeconds() - cpuStart, transactions };
  await loop.stop();
  return run;
};

/* eslint-disable @typescript-eslint/no-explicit-any -- the optional native client is loaded untyped */
const viaRdkafka = async (): Promise<Run> => {
  const dir = process.env['CKJS_DIR'];
  if (!dir) throw new Error('CKJS_DIR: the folder of an installed @confluentinc/kafka-javascript');
  const rd = createRequire(import.meta.url)(dir) as any;
  const consumer = new rd.KafkaConsumer(
    {
      'bootstrap.servers': brokers.join(','),
      'group.id': `${prefix}-rdkafka`,
      'enable.auto.commit': false,
      'isolation.level': 'read_committed',
      'fetch.max.bytes': 64 * 1024 * 1024,
      'max.partition.fetch.bytes': 8 * 1024 * 1024,
    },
    { 'auto.offset.reset': 'earliest' },
  );
  const producer = new rd.Producer({
    'bootstrap.servers': brokers.join(','),
    'transactional.id': `${prefix}-rdkafka-${input}-0`,
    'linger.ms': 5,
    'batch.size': 1024 * 1024,
  });
  const call = (fn: (cb: (err: unknown, value?: unknown) => void) => void) =>
    new Promise<any>((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
  await call((cb) => consumer.connect({}, cb));
  await call((cb) => producer.connect({}, cb));
  await call((cb) => producer.initTransactions(30_000, cb));
  consumer.subscribe([input]);
  let copied = 0;
  let transactions = 0;
  let started = 0;
  let cpuStart = 0;
  while (copied < records) {
    const batch: any[] = await call((cb) => consumer.consume(rdkafkaBatch, cb));
    if (batch.length === 0) continue;
    if (started === 0) [started, cpuStart] = [performance.now(), cpuSeconds()];
    await call((cb) => producer.beginTransaction(cb));
    for (const m of batch) producer.produce(`${prefix}-out-rdkafka`, null, m.value, m.key);
    copied += batch.length;
    const last = batch[batch.length - 1];
    const offsets = [{ topic: input, partition: last.partition, offset: last.offset + 1, metadata: `{"n":${copied}}` }];
    await call((cb) => producer.sendOffsetsToTransaction(offsets, consumer, 30_000, cb));
    await call((cb) => producer.commitTransaction(30_000, cb));
    transactions++;
  }
  const run = { client: 'rdkafka', seconds: (performance.now() - started) / 1000, cpu: cpuSeconds() - cpuStart, transactions };
  const committed: any[] = await call((cb) => consumer.committed([{ topic: input, partition: 0 }], 10_000, cb));
  console.log(`  rdkafka: committed offset ${committed[0]?.offset} with metadata ${committed[0]?.metadata}`);
  await call((cb) => consumer.disconnect(cb));
  await call((cb) => producer.disconnect(cb));
  return run;
};
/* eslint-enable @typescript-eslint/no-explicit-any */

const main = async () => {
  const admin = await createTopicAdmin({ brokers });
  await admin.ensureTopics([{ topic: input, partitions: 1 }, ...clients.map((c) => ({ topic: `${prefix}-out-${c}`, partitions: 3 }))]);
  const writer = await createRecordWriter({ brokers });
  for (let i = 0; i < records; i += 10_000) {
    await writer.send(Array.from({ length: Math.min(10_000, records - i) }, (_, j) => ({ topic: input, key: String(i + j), value: randomBytes(bytes) })));
  }
  await writer.close();
  console.log(`${records.toLocaleString('en-US')} records of ${bytes} bytes in ${input}; one transaction per fetched batch, offsets with metadata`);
  try {
    for (const client of clients) {
      const run = client === 'rdkafka' ? await viaRdkafka() : await viaKafkajs();
      console.log(
        `  ${run.client.padEnd(8)} ${Math.round(records / run.seconds).toLocaleString('en-US')} records/s, ${((run.cpu / records) * 1e6).toFixed(1)} µs CPU per record (all threads), ${run.transactions} transactions`,
      );
    }
  } finally {
    await admin.deleteTopics([input, ...clients.map((c) => `${prefix}-out-${c}`)]);
    await admin.close();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
