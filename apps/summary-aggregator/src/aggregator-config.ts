import {
  aggregatorGroupIdFromEnv,
  intSetting,
  kafkaBrokersFromEnv,
  logLevelFromEnv,
  pipelineNamesFromEnv,
  registryUrlFromEnv,
  type Env,
  type LogLevelSetting,
  type PipelineNames,
  healthHostSetting,
} from '@eap/pipeline-config';
import { parseWindowingConfig, type WindowingConfig } from '@eap/windowing';

export interface AggregatorConfig {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly names: PipelineNames;
  readonly groupId: string;
  readonly summariesPartitions: number;
  /** The longest a fetch waits to fill a batch: what batching may add to an emit. */
  readonly lingerMs: number;
  readonly healthPort: number;
  /** The health server's bind address (loopback by default). */
  readonly healthHost: string;
  readonly logLevel: LogLevelSetting;
  readonly windowing: WindowingConfig;
}

/** The summary aggregator's settings, from the environment, each defaulted and validated. */
export const aggregatorConfigFromEnv = (env: Env): AggregatorConfig => {
  const names = pipelineNamesFromEnv(env);
  return {
    brokers: kafkaBrokersFromEnv(env),
    registryUrl: registryUrlFromEnv(env),
    names,
    groupId: aggregatorGroupIdFromEnv(env, names),
    summariesPartitions: intSetting(env, 'SUMMARIES_PARTITIONS', 3, 1, 256),
    lingerMs: intSetting(env, 'AGGREGATOR_LINGER_MS', 50, 0, 5_000),
    healthPort: intSetting(env, 'AGGREGATOR_HEALTH_PORT', 9465, 0, 65535),
    healthHost: healthHostSetting(env, 'AGGREGATOR_HEALTH_HOST'),
    logLevel: logLevelFromEnv(env),
    windowing: parseWindowingConfig(env),
  };
};
