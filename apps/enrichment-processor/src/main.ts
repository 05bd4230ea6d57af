import { processedActivitySchema } from '@eap/avro-schemas';
import {
  assertInputPositions,
  createSchemaRegistryCodec,
  hasCommittedRecords,
  createTopicAdmin,
  followTopic,
  startExactlyOnceLoop,
  type ExactlyOnceLoop,
  waitForTopic,
} from '@eap/kafka-io';
import { createStreamingDb, findEmployees, pgConnectionFromEnv } from '@eap/pg-io';
import { ConfigError, sourceTopics } from '@eap/pipeline-config';
import { acceptCommandLine, createJsonLogger, exitOnStartupError, onShutdownSignals, startHealthServer } from '@eap/service-runtime';
import { createActivityBatchHandler } from './activity-batch-handler.js';
import { createEmployeeDirectory } from './employee-directory.js';
import { createInputDecoder } from './input-decoder.js';
import { employeeEvents, employeeFromRow } from './employee-stream.js';
import { createProcessorMetrics } from './processor-metrics.js';
import { processorConfigFromEnv } from './processor-config.js';
import { processorProgram } from './processor-program.js';

const main = async () => {
  acceptCommandLine(process.argv.slice(2), processorProgram);
  const config = processorConfigFromEnv(process.env);
  const log = createJsonLogger({ level: config.logLevel, bindings: { app: 'enrichment-processor' } });
  const metrics = createProcessorMetrics();
  const topics = sourceTopics(config.names);
  const kafka = { brokers: config.brokers, clientId: 'enrichment-processor' };

  const db = createStreamingDb(pgConnectionFromEnv(process.env, { database: config.names.database }), { applicationName: 'enrichment-processor' });
  const directory = createEmployeeDirectory(async (ids) => (await findEmployees(db, ids)).map(employeeFromRow));
  let running = false;
  let employeesCaughtUp = false;
  let loop: ExactlyOnceLoop | undefined = undefined;
  const health = await startHealthServer({
    port: config.healthPort,
    host: config.healthHost,
    registry: metrics.registry,
    healthy: () => ({ ok: true, detail: { consuming: running, employees: directory.size } }),
    ready: () => {
      const assigned = loop?.assignment();
      if (!employeesCaughtUp) return { ok: false, detail: { reason: `reading ${topics.employees} to its end` } };
      if (!assigned) return { ok: false, detail: { reason: `joining consumer group ${config.groupId}` } };
      return { ok: true, detail: { partitions: assigned.map((a) => a.partition), employees: directory.size } };
    },
  });
  const admin = await createTopicAdmin({ brokers: config.brokers });
  await admin.ensureTopics([
    { topic: config.names.processedTopic, partitions: config.processedPartitions },
    { topic: config.names.dlqTopic, partitions: 1, configs: { 'max.message.bytes': '8388608' } },
  ]);
  // A truncate or a snapshot's restatement goes to every partition the broker has; a count that
  // differs from the setting is a mistake to fix, not to paper over.
  const processedPartitions = (await admin.offsetRanges(config.names.processedTopic)).length;
  await admin.close();
  if (processedPartitions !== config.processedPartitions) {
    throw new ConfigError(
      'PROCESSED_PARTITIONS',
      `is ${config.processedPartitions}, but ${config.names.processedTopic} has ${processedPartitions} partitions on the broker; set PROCESSED_PARTITIONS=${processedPartitions} (a topic's partitions are fixed: adding some would move employees between aggregator partitions)`,
    );
  }
  const codec = createSchemaRegistryCodec({ url: config.registryUrl });
  const encoder = await codec.registerEncoder(`${config.names.processedTopic}-value`, processedActivitySchema);
  const input = createInputDecoder(codec, config.maxValueBytes);

  const employees = await followTopic({
    kafka,
    topic: topics.employees,
    onRecords: async (records) => {
      const { events, rejected } = await employeeEvents(records, input);
      const invalid = directory.apply(events) + rejected;
      metrics.employees.inc(events.length);
      if (invalid) log.log('warn', 'processor.employee_records_rejected', { count: invalid });
    },
  });
  await employees.caughtUp;
  employeesCaughtUp = true;
  log.log('info', 'processor.employees_bootstrapped', { employees: directory.size });

  for (;;) {
    try {
      await waitForTopic(config.brokers, topics.activities, 30_000);
      break;
    } catch {
      log.log('info', 'processor.waiting_for_topic', { topic: topics.activities });
    }
  }
  await assertInputPositions({
    brokers: config.brokers,
    groupId: config.groupId,
    topic: topics.activities,
    outputsExist: () => hasCommittedRecords(kafka, config.names.processedTopic),
  });
  loop = await startExactlyOnceLoop({
    kafka,
    groupId: config.groupId,
    topics: [topics.activities],
    transactionalIdPrefix: config.groupId,
    handleBatch: createActivityBatchHandler({ ...config, directory, encoder, input, metrics, warn: (event, detail) => log.log('warn', event, detail) }),
    onCrash: (error) => {
      log.log('error', 'processor.consumer_stopped', { message: error.message, action: 'exiting for the supervisor to restart a fresh member' });
      process.exit(1);
    },
    on: (event, detail) => {
      running = true;
      if (event === 'eos.committed') metrics.lag.set({ partition: String(detail['partition']) }, Number(detail['lag']));
      log.log(event === 'eos.committed' ? 'debug' : 'info', event, detail);
    },
  });
  log.log('info', 'processor.started', {
    input: topics.activities,
    output: config.names.processedTopic,
    dlq: config.names.dlqTopic,
    health: `http://${config.healthHost}:${health.port}/healthz`,
  });

  onShutdownSignals(async () => {
    await loop?.stop();
    await employees.stop();
    await db.destroy();
    await health.close();
  });
};

main().catch(exitOnStartupError('enrichment-processor'));
