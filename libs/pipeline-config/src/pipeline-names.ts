import type { Env } from './config-error.js';
import { defineSettings, setting, type SettingsSchema } from './settings.js';

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

const name = (env: string, key: keyof PipelineNames, pattern: RegExp, accepts: string, describe: string) =>
  setting.string(env, { default: DEFAULT_PIPELINE_NAMES[key], pattern, accepts, describe });
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;
const SQL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The `PIPELINE_*` names, each validated, defaulting to the manual's: several pipelines can share a stack (the tests do). */
export const pipelineNamesSettings: SettingsSchema<PipelineNames> = defineSettings('pipeline-names', {
  topicPrefix: name('PIPELINE_TOPIC_PREFIX', 'topicPrefix', /^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, _ and - (1-100)', "the prefix of Debezium's topics"),
  connector: name('PIPELINE_CONNECTOR', 'connector', /^[A-Za-z0-9._-]{1,100}$/, 'letters, digits, ., _ and - (1-100)', 'the Debezium connector'),
  slot: name('PIPELINE_SLOT', 'slot', /^[a-z0-9_]{1,63}$/, 'lower-case letters, digits and _ (1-63), as PostgreSQL slot names', 'the replication slot'),
  publication: name('PIPELINE_PUBLICATION', 'publication', SQL_NAME, 'a lower-case SQL identifier (1-63)', 'the PostgreSQL publication'),
  database: name('PIPELINE_DATABASE', 'database', SQL_NAME, 'a lower-case SQL identifier (1-63)', 'the database the source tables live in'),
  processedTopic: name('PIPELINE_PROCESSED_TOPIC', 'processedTopic', TOPIC, 'a Kafka topic name', 'the enriched activities (output)'),
  summariesTopic: name('PIPELINE_SUMMARIES_TOPIC', 'summariesTopic', TOPIC, 'a Kafka topic name', 'the window summaries (output)'),
  summariesChangelogTopic: name(
    'PIPELINE_SUMMARIES_CHANGELOG_TOPIC',
    'summariesChangelogTopic',
    TOPIC,
    'a Kafka topic name',
    "the aggregator's window state (internal, compacted)",
  ),
  dlqTopic: name('PIPELINE_DLQ_TOPIC', 'dlqTopic', TOPIC, 'a Kafka topic name', 'the dead-letter topic'),
});

/** Names from `PIPELINE_*` variables, each validated, defaulting to the manual's names. */
export const pipelineNamesFromEnv = (env: Env): PipelineNames => pipelineNamesSettings(env);

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
