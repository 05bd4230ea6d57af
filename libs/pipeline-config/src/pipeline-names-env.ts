import type { PipelineNames } from './pipeline-names.js';

const ENV_NAMES: Readonly<Record<keyof PipelineNames, string>> = {
  topicPrefix: 'PIPELINE_TOPIC_PREFIX',
  connector: 'PIPELINE_CONNECTOR',
  slot: 'PIPELINE_SLOT',
  publication: 'PIPELINE_PUBLICATION',
  database: 'PIPELINE_DATABASE',
  processedTopic: 'PIPELINE_PROCESSED_TOPIC',
  summariesTopic: 'PIPELINE_SUMMARIES_TOPIC',
  summariesChangelogTopic: 'PIPELINE_SUMMARIES_CHANGELOG_TOPIC',
  dlqTopic: 'PIPELINE_DLQ_TOPIC',
};

/** The `PIPELINE_*` settings that give an app these names: the inverse of pipelineNamesFromEnv (tests, benchmarks). */
export const pipelineNamesEnv = (names: PipelineNames): Record<string, string> =>
  Object.fromEntries(Object.entries(ENV_NAMES).map(([key, env]) => [env, names[key as keyof PipelineNames]]));
