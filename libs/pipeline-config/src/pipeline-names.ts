import { ConfigError, type Env } from './config-error.js';

/**
 * The names one pipeline owns. Several pipelines (tests, users) can share one stack when these differ.
 */
export interface PipelineNames {
  readonly topicPrefix: string;
  readonly connector: string;
  readonly slot: string;
  readonly publication: string;
  readonly database: string;
  readonly processedTopic: string;
  readonly summariesTopic: string;
  /** The summary aggregator's window state (internal, compacted). */
  readonly summariesChangelogTopic: string;
  readonly dlqTopic: string;
}

export const DEFAULT_PIPELINE_NAMES: PipelineNames = {
  topicPrefix: 'employee-server',
  connector: 'employee-connector',
  slot: 'employee_slot',
  publication: 'employee_publication',
  database: 'streaming_db',
  processedTopic: 'processed-employee-activities',
  summariesTopic: 'employee-activity-summaries',
  summariesChangelogTopic: 'employee-activity-summaries-changelog',
  dlqTopic: 'employee-activities-dlq',
};

const SETTINGS: Readonly<Record<keyof PipelineNames, { env: string; pattern: RegExp; allowed: string }>> = {
  topicPrefix: { env: 'PIPELINE_TOPIC_PREFIX', pattern: /^[A-Za-z0-9_-]{1,100}$/, allowed: 'letters, digits, _ and - (1-100)' },
  connector: { env: 'PIPELINE_CONNECTOR', pattern: /^[A-Za-z0-9._-]{1,100}$/, allowed: 'letters, digits, ., _ and - (1-100)' },
  slot: { env: 'PIPELINE_SLOT', pattern: /^[a-z0-9_]{1,63}$/, allowed: 'lower-case letters, digits and _ (1-63), as PostgreSQL slot names' },
  publication: { env: 'PIPELINE_PUBLICATION', pattern: /^[a-z_][a-z0-9_]{0,62}$/, allowed: 'a lower-case SQL identifier (1-63)' },
  database: { env: 'PIPELINE_DATABASE', pattern: /^[a-z_][a-z0-9_]{0,62}$/, allowed: 'a lower-case SQL identifier (1-63)' },
  processedTopic: { env: 'PIPELINE_PROCESSED_TOPIC', pattern: /^[A-Za-z0-9._-]{1,249}$/, allowed: 'a Kafka topic name' },
  summariesTopic: { env: 'PIPELINE_SUMMARIES_TOPIC', pattern: /^[A-Za-z0-9._-]{1,249}$/, allowed: 'a Kafka topic name' },
  summariesChangelogTopic: { env: 'PIPELINE_SUMMARIES_CHANGELOG_TOPIC', pattern: /^[A-Za-z0-9._-]{1,249}$/, allowed: 'a Kafka topic name' },
  dlqTopic: { env: 'PIPELINE_DLQ_TOPIC', pattern: /^[A-Za-z0-9._-]{1,249}$/, allowed: 'a Kafka topic name' },
};

/** Names from `PIPELINE_*` variables, each validated, defaulting to the manual's names. */
export const pipelineNamesFromEnv = (env: Env): PipelineNames => {
  const entries = Object.entries(SETTINGS).map(([key, { env: name, pattern, allowed }]) => {
    const value = env[name]?.trim() || DEFAULT_PIPELINE_NAMES[key as keyof PipelineNames];
    if (!pattern.test(value)) throw new ConfigError(name, `"${value}" is not valid: use ${allowed}`);
    return [key, value];
  });
  return Object.fromEntries(entries) as unknown as PipelineNames;
};

/** The topics Debezium writes for one pipeline. */
export const sourceTopics = (n: Pick<PipelineNames, 'topicPrefix'>) => ({
  employees: `${n.topicPrefix}.public.employees`,
  activities: `${n.topicPrefix}.public.employee_activities`,
  heartbeat: `__debezium-heartbeat.${n.topicPrefix}`,
  /** Debezium writes the signal table's rows here too; the processors ignore it. */
  signal: `${n.topicPrefix}.public.debezium_signal`,
});

/** Names derived from a short suffix, so each test suite gets a pipeline of its own. */
export const isolatedPipelineNames = (suffix: string): PipelineNames => {
  const s = suffix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return {
    topicPrefix: `t-${s}`,
    connector: `t-${s}-connector`,
    slot: `t_${s}_slot`,
    publication: `t_${s}_publication`,
    database: `t_${s}_db`,
    processedTopic: `t-${s}-processed`,
    summariesTopic: `t-${s}-summaries`,
    summariesChangelogTopic: `t-${s}-summaries-changelog`,
    dlqTopic: `t-${s}-dlq`,
  };
};

/** The summary aggregator's consumer group (AGGREGATOR_GROUP_ID overrides it): `verify` reads its committed watermark. */
export const aggregatorGroupIdFromEnv = (env: Env, names: Pick<PipelineNames, 'topicPrefix'>): string =>
  env['AGGREGATOR_GROUP_ID']?.trim() || `${names.topicPrefix}-summary-aggregator`;

/** The enrichment processor's consumer group (PROCESSOR_GROUP_ID overrides it). */
export const processorGroupIdFromEnv = (env: Readonly<Record<string, string | undefined>>, names: PipelineNames): string =>
  env['PROCESSOR_GROUP_ID']?.trim() || `${names.topicPrefix}-enrichment-processor`;
