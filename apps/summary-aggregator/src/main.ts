import { activitySummarySchema, processedActivitySchema } from '@eap/avro-schemas';
import {
  assertInputPositions,
  awaitTopic,
  createSchemaRegistryCodec,
  groupInstanceIds,
  hasCommittedRecords,
  readToEnd,
  startExactlyOnceLoop,
  type ExactlyOnceLoop,
} from '@eap/kafka-io';
import { memberClientId } from '@eap/pipeline-config';
import { createLoopEventSink, runService, startHealthServer } from '@eap/service-runtime';
import avro from 'avsc';
import { aggregatorConfigFromEnv } from './aggregator-config.js';
import { createAggregatorMetrics } from './aggregator-metrics.js';
import { aggregatorProgram } from './aggregator-program.js';
import { prepareAggregatorTopics } from './aggregator-topics.js';
import { createLiveSummaryKeys } from './live-summary-keys.js';
import { createPartitionStates } from './partition-states.js';
import { createSummaryBatchHandler } from './summary-batch-handler.js';

runService({
  app: 'summary-aggregator',
  program: aggregatorProgram,
  readConfig: aggregatorConfigFromEnv,
  start: async (config, { instanceId, log, exitForRestart }) => {
    const { names } = config;
    const metrics = createAggregatorMetrics();
    metrics.instance.set({ instance: instanceId }, 1);
    const events = createLoopEventSink({ log, lag: metrics.lag, lagSeconds: metrics.lagSeconds, groupEvents: metrics.groupEvents });
    let loop: ExactlyOnceLoop | undefined = undefined;
    const health = await startHealthServer({
      port: config.healthPort,
      host: config.healthHost,
      registry: metrics.registry,
      healthy: () => ({ ok: true, detail: { consuming: events.running } }),
      ready: () => {
        const assigned = loop?.assignment();
        if (!assigned) return { ok: false, detail: { reason: loop ? `joining consumer group ${config.groupId}` : `waiting for ${names.processedTopic}` } };
        return { ok: true, detail: { partitions: assigned.map((a) => a.partition) } };
      },
    });

    // The group's member list names each instance and its health server (pipeline status, the console).
    const clientId = memberClientId({ app: 'summary-aggregator', instanceId, healthHost: config.healthHost, healthPort: health.port });
    const kafka = { brokers: config.brokers, clientId };
    await awaitTopic({
      brokers: config.brokers,
      topic: names.processedTopic,
      onWaiting: (detail) => log.log('info', 'aggregator.waiting_for_topic', { ...detail, hint: 'the enrichment processor creates it' }),
    });
    const { inputPartitions } = await prepareAggregatorTopics(config);
    // A changelog partition with a committed record is window state written from that input partition.
    await assertInputPositions({
      brokers: config.brokers,
      groupId: config.groupId,
      topic: names.processedTopic,
      outputsExist: (p) => hasCommittedRecords(kafka, names.summariesChangelogTopic, [p]),
    });

    const codec = createSchemaRegistryCodec({ url: config.registryUrl });
    const encoder = await codec.registerEncoder(`${names.summariesTopic}-value`, activitySummarySchema);
    // Every writer version of the processed topic, resolved into the current processed schema.
    const reader = avro.Type.forSchema(processedActivitySchema as avro.Schema);
    const states = createPartitionStates({
      options: { config: config.windowing },
      metrics,
      log: (event, detail) => log.log('info', event, detail),
      loadChangelog: (partition, onRecords) => readToEnd({ kafka, topic: names.summariesChangelogTopic, partitions: [partition], onRecords }),
    });
    const liveSummaryKeys = createLiveSummaryKeys({ kafka, summariesTopic: names.summariesTopic, inputPartitions });
    const input = { prepare: codec.prepare, decode: (value: Buffer) => codec.decodePrepared(value, reader) };
    const { graceSeconds, maxSkewSeconds, retentionHours, idleAdvanceSeconds } = config.windowing;
    const handler = createSummaryBatchHandler({
      names,
      states,
      encoder,
      metrics,
      liveSummaryKeys,
      input,
      instance: { id: instanceId, agreed: { graceSeconds, maxSkewSeconds, retentionHours, idleAdvanceSeconds, partitions: inputPartitions } },
      liveInstances: () => groupInstanceIds({ kafka, groupId: config.groupId }),
      warn: (event, detail) => log.log('warn', event, detail),
    });
    loop = await startExactlyOnceLoop({
      kafka,
      groupId: config.groupId,
      topics: [names.processedTopic],
      transactionalIdPrefix: config.groupId,
      maxWaitTimeInMs: config.lingerMs,
      handleBatch: handler.handleBatch,
      // Idle advance closes windows on a quiet pipeline: a timer, not the next record.
      idle: config.windowing.idleAdvanceSeconds > 0 ? { everyMs: 1_000, handle: handler.idle } : undefined,
      onCrash: exitForRestart('aggregator.consumer_stopped'),
      onReleased: ({ partition }) => states.release(partition),
      on: events.on,
    });
    log.log('info', 'aggregator.started', {
      input: names.processedTopic,
      output: names.summariesTopic,
      changelog: names.summariesChangelogTopic,
      dlq: names.dlqTopic,
      instance: instanceId,
      partitions: inputPartitions,
      retentionHours: config.windowing.retentionHours,
      graceSeconds: config.windowing.graceSeconds,
      health: `http://${config.healthHost}:${health.port}/healthz`,
    });
    return {
      async stop() {
        await loop?.stop();
        await health.close();
      },
    };
  },
});
