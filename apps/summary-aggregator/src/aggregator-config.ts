import {
  aggregatorClientSettings,
  defineSettings,
  healthServerSettings,
  loggingSettings,
  setting,
  type Env,
  type LogLevelSetting,
  type HealthServerSettings,
  type PipelineClientSettings,
} from '@eap/pipeline-config';
import { windowingSettings, type WindowingConfig } from '@eap/windowing';

export interface AggregatorConfig extends PipelineClientSettings, HealthServerSettings {
  readonly summariesPartitions: number;
  /** The longest a fetch waits to fill a batch: what batching may add to an emit. */
  readonly lingerMs: number;
  readonly logLevel: LogLevelSetting;
  readonly windowing: WindowingConfig;
}

/** The summary aggregator's settings: its own, then the shared client block, health server and windows. */
export const aggregatorSettings = defineSettings(
  'summary-aggregator',
  {
    summariesPartitions: setting.int('SUMMARIES_PARTITIONS', {
      default: 3,
      min: 1,
      max: 256,
      describe: 'partitions of the summaries topic and its changelog when the aggregator creates them',
    }),
    lingerMs: setting.int('AGGREGATOR_LINGER_MS', {
      default: 50,
      min: 0,
      max: 5_000,
      describe: 'the longest a fetch waits for more records: the only delay batching adds to an emit',
    }),
    client: aggregatorClientSettings,
    health: healthServerSettings('AGGREGATOR', 9465),
    logging: loggingSettings,
    windowing: windowingSettings,
  },
  { map: ({ client, health, logging, ...own }): AggregatorConfig => ({ ...client, ...health, ...logging, ...own }) },
);

/** The summary aggregator's settings, from the environment, each defaulted and validated. */
export const aggregatorConfigFromEnv = (env: Env): AggregatorConfig => aggregatorSettings(env);
