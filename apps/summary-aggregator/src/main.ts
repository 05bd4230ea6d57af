import { activitySummarySchema, processedActivitySchema } from '@eap/avro-schemas';
import {
  assertInputPositions,
  createSchemaRegistryCodec,
  hasCommittedRecords,
  createTopicAdmin,
  readToEnd,
  startExactlyOnceLoop,
  waitForTopic,
  type ExactlyOnceLoop,
} from '@eap/kafka-io';
import { acceptCommandLine, createJsonLogger, exitOnStartupError, onShutdownSignals, startHealthServer } from '@eap/service-runtime';
import avro from 'avsc';
import { aggregatorConfigFromEnv } from './aggregator-config.js';
import { aggregatorProgram } from './aggregator-program.js';
import { createAggregatorMetrics } from './aggregator-metrics.js';
import { createPartitionStates } from './partition-states.js';
import { createLiveSummaryKeys } from './live-summary-keys.js';
import { createSummaryBatchHandler } from './summary-batch-handler.js';

const main = async () => {
  acceptCommandLine(process.argv.slice(2), aggregatorProgram);
  const config = aggregatorConfigFromEnv(process.env);
  const { names } = config;
  const log = createJsonLogger({ level: config.logLevel, bindings: { app: 'summary-aggregator' } });
  const metrics = createAggregatorMetrics();
  const kafka = { brokers: config.brokers, clientId: 'summary-aggregator' };
  let running = false;
  let loop: ExactlyOnceLoop | undefined = undefined;
  const health = await startHealthServer({
    port: config.healthPort,
    host: config.healthHost,
    registry: metrics.registry,
    healthy: () => ({ ok: true, detail: { consuming: running } }),
    ready: () => {
      const assigned = loop?.assignment();
      if (!assigned) return { ok: false, detail: { reason: loop ? `joining consumer group ${config.groupId}` : `waiting for ${names.processedTopic}` } };
      return { ok: true, detail: { partitions: assigned.map((a) => a.partition) } };
    },
  });

  for (;;) {
    try {
      await waitForTopic(config.brokers, names.processedTopic, 30_000);
      break;
    } catch {
      log.log('info', 'aggregator.waiting_for_topic', { topic: names.processedTopic, hint: 'the enrichment processor creates it' });
    }
  }
  const admin = await createTopicAdmin({ brokers: config.brokers });
  const inputPartitions = (await admin.endOffsets(names.processedTopic)).size;
  await admin.ensureTopics([
    { topic: names.summariesTopic, partitions: config.summariesPartitions, configs: { 'cleanup.policy': 'compact' } },
    // One changelog partition per input partition: a partition's window state moves with it.
    { topic: names.summariesChangelogTopic, partitions: inputPartitions, configs: { 'cleanup.policy': 'compact' } },
    { topic: names.dlqTopic, partitions: 1, configs: { 'max.message.bytes': '8388608' } },
  ]);
  await admin.close();
  // A changelog partition with a committed record is window state written from that input partition.
  await assertInputPositions({
    brokers: config.brokers,
    groupId: config.groupId,
    topic: names.processedTopic,
    outputsExist: (p) => hasCommittedRecords(kafka, names.summariesChangelogTopic, [p]),
  });

  const codec = createSchemaRegistryCodec({ url: config.registryUrl });
  const encoder = await codec.registerEncoder(`${names.summariesTopic}-value`, activitySummarySchema);
  const reader = avro.Type.forSchema(processedActivitySchema as avro.Schema);
  const states = createPartitionStates({
    options: { config: config.windowing },
    metrics,
    log: (event, detail) => log.log('info', event, detail),
    loadChangelog: (partition, onRecords) => readToEnd({ kafka, topic: names.summariesChangelogTopic, partitions: [partition], onRecords }),
  });

  const liveSummaryKeys = createLiveSummaryKeys({ kafka, summariesTopic: names.summariesTopic, inputPartitions });
  const input = { prepare: codec.prepare, decode: (value: Buffer) => codec.decodePrepared(value, reader) };
  const handler = createSummaryBatchHandler({ names, states, encoder, metrics, liveSummaryKeys, input });
  loop = await startExactlyOnceLoop({
    kafka,
    groupId: config.groupId,
    topics: [names.processedTopic],
    transactionalIdPrefix: config.groupId,
    maxWaitTimeInMs: config.lingerMs,
    handleBatch: handler.handleBatch,
    // Idle advance closes windows on a quiet pipeline: a timer, not the next record.
    idle: config.windowing.idleAdvanceSeconds > 0 ? { everyMs: 1_000, handle: handler.idle } : undefined,
    onCrash: (error) => {
      log.log('error', 'aggregator.consumer_stopped', { message: error.message, action: 'exiting for the supervisor to restart a fresh member' });
      process.exit(1);
    },
    on: (event, detail) => {
      running = true;
      if (event === 'eos.committed') metrics.lag.set({ partition: String(detail['partition']) }, Number(detail['lag']));
      log.log(event === 'eos.committed' ? 'debug' : 'info', event, detail);
    },
  });
  log.log('info', 'aggregator.started', {
    input: names.processedTopic,
    output: names.summariesTopic,
    changelog: names.summariesChangelogTopic,
    dlq: names.dlqTopic,
    retentionHours: config.windowing.retentionHours,
    graceSeconds: config.windowing.graceSeconds,
    health: `http://${config.healthHost}:${health.port}/healthz`,
  });

  onShutdownSignals(async () => {
    await loop?.stop();
    await health.close();
  });
};

main().catch(exitOnStartupError('summary-aggregator'));
