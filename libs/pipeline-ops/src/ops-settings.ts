import { pgConnectionFromEnv, pgSettings, type PgConnection } from '@eap/pg-io';
import {
  aggregatorGroupIdSetting,
  connectUrlSetting,
  defaultGroupIds,
  defineSettings,
  kafkaSettings,
  pipelineNamesSettings,
  processorGroupIdSetting,
  type Env,
  type PipelineNames,
} from '@eap/pipeline-config';

/** Where the pipeline's parts are, from the same settings the apps read. */
export interface OpsSettings {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly connectUrl: string;
  readonly names: PipelineNames;
  readonly processorGroupId: string;
  readonly aggregatorGroupId: string;
  readonly pg: PgConnection;
}

/** The pipeline CLI's and the console's view of the pipeline: the apps' shared block, Connect, both groups and PostgreSQL. */
export const opsSettings = defineSettings(
  'pipeline',
  {
    kafka: kafkaSettings,
    connectUrl: connectUrlSetting,
    names: pipelineNamesSettings,
    processorGroupId: processorGroupIdSetting,
    aggregatorGroupId: aggregatorGroupIdSetting,
    pg: pgSettings,
  },
  {
    map: ({ kafka, connectUrl, names, processorGroupId, aggregatorGroupId }, env): OpsSettings => ({
      ...kafka,
      connectUrl,
      names,
      processorGroupId: processorGroupId ?? defaultGroupIds(names).processor,
      aggregatorGroupId: aggregatorGroupId ?? defaultGroupIds(names).aggregator,
      pg: pgConnectionFromEnv(env, { database: names.database }),
    }),
  },
);

export const opsSettingsFromEnv = (env: Env): OpsSettings => opsSettings(env);
