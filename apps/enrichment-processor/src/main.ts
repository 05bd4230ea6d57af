import { processedActivitySchema } from '@eap/avro-schemas';
import {
  assertInputPositions,
  awaitTopic,
  createInputDecoder,
  createSchemaRegistryCodec,
  followTopic,
  hasCommittedRecords,
  startExactlyOnceLoop,
  type ExactlyOnceLoop,
} from '@eap/kafka-io';
import { createStreamingDb, findEmployees, pgConnectionFromEnv } from '@eap/pg-io';
import { memberClientId, sourceTopics } from '@eap/pipeline-config';
import { createLoopEventSink, runService, startHealthServer } from '@eap/service-runtime';
import { createActivityBatchHandler } from './activity-batch-handler.js';
import { createEmployeeDirectory } from './employee-directory.js';
import { employeeEvents, employeeFromRow } from './employee-stream.js';
import { processorConfigFromEnv } from './processor-config.js';
import { createProcessorMetrics } from './processor-metrics.js';
import { processorProgram } from './processor-program.js';
import { prepareProcessorTopics } from './processor-topics.js';

runService({
  app: 'enrichment-processor',
  program: processorProgram,
  readConfig: processorConfigFromEnv,
  start: async (config, { instanceId, log, exitForRestart }) => {
    const metrics = createProcessorMetrics();
    metrics.instance.set({ instance: instanceId }, 1);
    const topics = sourceTopics(config.names);
    const db = createStreamingDb(pgConnectionFromEnv(process.env, { database: config.names.database }), { applicationName: 'enrichment-processor' });
    const directory = createEmployeeDirectory(async (ids) => (await findEmployees(db, ids)).map(employeeFromRow));
    const events = createLoopEventSink({ log, lag: metrics.lag, lagSeconds: metrics.lagSeconds, groupEvents: metrics.groupEvents });
    let employeesCaughtUp = false;
    let loop: ExactlyOnceLoop | undefined = undefined;
    const health = await startHealthServer({
      port: config.healthPort,
      host: config.healthHost,
      registry: metrics.registry,
      healthy: () => ({ ok: true, detail: { consuming: events.running, employees: directory.size } }),
      ready: () => {
        const assigned = loop?.assignment();
        if (!employeesCaughtUp) return { ok: false, detail: { reason: `reading ${topics.employees} to its end` } };
        if (!assigned) return { ok: false, detail: { reason: `joining consumer group ${config.groupId}` } };
        return { ok: true, detail: { partitions: assigned.map((a) => a.partition), employees: directory.size } };
      },
    });
    // The group's member list names each instance and its health server (pipeline status, the console).
    const clientId = memberClientId({ app: 'enrichment-processor', instanceId, healthHost: config.healthHost, healthPort: health.port });
    const kafka = { brokers: config.brokers, clientId };
    await prepareProcessorTopics(config);
    const codec = createSchemaRegistryCodec({ url: config.registryUrl });
    const encoder = await codec.registerEncoder(`${config.names.processedTopic}-value`, processedActivitySchema);
    const input = createInputDecoder(codec, config.maxValueBytes);

    const employees = await followTopic({
      kafka,
      topic: topics.employees,
      onRecords: async (records) => {
        const { events: changes, rejected } = await employeeEvents(records, input);
        const invalid = [...rejected, ...directory.apply(changes)];
        metrics.employees.inc(changes.length);
        // The employee keeps its last good version (or is looked up in the database when never seen).
        if (invalid.length > 0) log.log('warn', 'processor.employee_records_rejected', { count: invalid.length, first: invalid[0] });
      },
    });
    await employees.caughtUp;
    employeesCaughtUp = true;
    log.log('info', 'processor.employees_bootstrapped', { employees: directory.size });

    await awaitTopic({ brokers: config.brokers, topic: topics.activities, onWaiting: (detail) => log.log('info', 'processor.waiting_for_topic', detail) });
    await assertInputPositions({
      brokers: config.brokers,
      groupId: config.groupId,
      topic: topics.activities,
      outputsExist: () => hasCommittedRecords(kafka, config.names.processedTopic),
    });
    const batches = createActivityBatchHandler({ ...config, directory, encoder, input, metrics, warn: (event, detail) => log.log('warn', event, detail) });
    loop = await startExactlyOnceLoop({
      kafka,
      groupId: config.groupId,
      topics: [topics.activities],
      transactionalIdPrefix: config.groupId,
      maxBytesPerPartition: config.fetchBytesPerPartition,
      handleBatch: batches.handle,
      onReleased: batches.release,
      onCrash: exitForRestart('processor.consumer_stopped'),
      on: events.on,
    });
    log.log('info', 'processor.started', {
      input: topics.activities,
      output: config.names.processedTopic,
      dlq: config.names.dlqTopic,
      instance: instanceId,
      health: `http://${config.healthHost}:${health.port}/healthz`,
    });
    return {
      async stop() {
        await loop?.stop();
        await employees.stop();
        await db.destroy();
        await health.close();
      },
    };
  },
});
