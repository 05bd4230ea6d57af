import { pgConnectionFromEnv, type PgConnection } from '@eap/pg-io';
import {
  aggregatorGroupIdFromEnv,
  connectUrlFromEnv,
  kafkaBrokersFromEnv,
  pipelineNamesFromEnv,
  processorGroupIdFromEnv,
  registryUrlFromEnv,
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

export const opsSettingsFromEnv = (env: Env): OpsSettings => {
  const names = pipelineNamesFromEnv(env);
  return {
    brokers: kafkaBrokersFromEnv(env),
    registryUrl: registryUrlFromEnv(env),
    connectUrl: connectUrlFromEnv(env),
    names,
    processorGroupId: processorGroupIdFromEnv(env, names),
    aggregatorGroupId: aggregatorGroupIdFromEnv(env, names),
    pg: pgConnectionFromEnv(env, { database: names.database }),
  };
};
