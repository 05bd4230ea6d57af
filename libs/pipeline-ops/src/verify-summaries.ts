import { createSchemaRegistryCodec, createTopicAdmin } from '@eap/kafka-io';
import { summaryGroupsFromSql, type Kysely, type StreamingDb } from '@eap/pg-io';
import type { Env, PipelineNames } from '@eap/pipeline-config';
import { MICROS_PER_HOUR, parseWindowingConfig } from '@eap/windowing';
import { readAggregatorProgress, type AggregatorProgress } from './aggregator-progress.js';
import { opsSettingsFromEnv } from './ops-settings.js';
import type { DuplicateChanges } from './duplicate-changes.js';
import { readLatestSummaries } from './latest-summaries.js';
import { readDuplicateChanges } from './processed-duplicates.js';
import { reconcileSummaries, reconciled, type ReconciliationReport } from './summary-reconciliation.js';

export interface VerifyOptions {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly names: Pick<PipelineNames, 'processedTopic' | 'summariesTopic'>;
  /** The aggregator's consumer group, whose committed metadata holds its watermark. */
  readonly aggregatorGroupId: string;
  /** WINDOW_RETENTION_HOURS the aggregator runs with. */
  readonly retentionHours: number;
  readonly db: Kysely<StreamingDb>;
}

/**
 * The options from the settings the aggregator itself reads (KAFKA_BROKERS, SCHEMA_REGISTRY_URL,
 * PIPELINE_*, AGGREGATOR_GROUP_ID, WINDOW_RETENTION_HOURS), so `verify` uses its horizon.
 */
export const verifyOptionsFromEnv = (env: Env, db: Kysely<StreamingDb>): VerifyOptions => {
  const { brokers, registryUrl, names, aggregatorGroupId } = opsSettingsFromEnv(env);
  return { brokers, registryUrl, names, aggregatorGroupId, retentionHours: parseWindowingConfig(env).retentionHours, db };
};

export interface VerifyResult {
  readonly ok: boolean;
  readonly report: ReconciliationReport;
  readonly aggregator: AggregatorProgress;
  /** The retention behind the horizon: what the aggregator committed, else the setting. */
  readonly retentionHours: number;
  /** Changes written twice to the processed topic. */
  readonly duplicates: DuplicateChanges;
  readonly processedRecords: number;
  /** Summary records read, and those that would not decode. */
  readonly records: number;
  readonly undecodable: number;
  readonly seconds: number;
}

/**
 * SPEC section 6's invariant, checked: the latest summaries (read_committed, decoded through the
 * registry) against the SQL GROUP BY, over the aggregator's horizon (its watermark minus retention).
 * Meaningful at a quiet moment: `aggregator.lag` says whether it still had input to read.
 */
export const verifySummaries = async (o: VerifyOptions): Promise<VerifyResult> => {
  const started = performance.now();
  const admin = await createTopicAdmin({ brokers: o.brokers, clientId: 'pipeline-verify' });
  let aggregator: AggregatorProgress;
  try {
    aggregator = await readAggregatorProgress(admin, o.aggregatorGroupId, o.names.processedTopic, o.retentionHours);
  } finally {
    await admin.close();
  }
  const { horizon } = aggregator;
  const codec = createSchemaRegistryCodec({ url: o.registryUrl });
  const [latest, groups, processed] = await Promise.all([
    readLatestSummaries({ brokers: o.brokers, clientId: 'pipeline-verify' }, o.names.summariesTopic, codec),
    // a window ends after the horizon when it starts after horizon - 1 h
    summaryGroupsFromSql(o.db, horizon === null ? null : horizon - MICROS_PER_HOUR),
    readDuplicateChanges({ brokers: o.brokers, clientId: 'pipeline-verify' }, o.names.processedTopic, codec),
  ]);
  const report = reconcileSummaries(groups, latest.summaries, horizon);
  return {
    ok: reconciled(report) && latest.undecodable === 0 && processed.duplicates.count === 0,
    report,
    aggregator,
    retentionHours: aggregator.retentionHours.length > 0 ? Math.min(...aggregator.retentionHours) : o.retentionHours,
    duplicates: processed.duplicates,
    processedRecords: processed.records,
    records: latest.records,
    undecodable: latest.undecodable,
    seconds: (performance.now() - started) / 1000,
  };
};
