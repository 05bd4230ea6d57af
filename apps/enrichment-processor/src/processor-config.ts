import { enrichmentSettings, type EnrichmentConfig } from '@eap/enrichment-rules';
import {
  defineSettings,
  healthServerSettings,
  loggingSettings,
  processorClientSettings,
  processorMaxValueBytesSetting,
  setting,
  type Env,
  type HealthServerSettings,
  type PipelineClientSettings,
} from '@eap/pipeline-config';
import type { LogLevel } from '@eap/service-runtime';

export interface ProcessorConfig extends PipelineClientSettings, HealthServerSettings {
  readonly processedPartitions: number;
  readonly maxValueBytes: number;
  readonly logLevel: LogLevel;
  readonly enrichment: EnrichmentConfig;
}

/** The enrichment processor's settings: its own, then the shared client block, health server and enrichment rules. */
export const processorSettings = defineSettings(
  'enrichment-processor',
  {
    processedPartitions: setting.int('PROCESSED_PARTITIONS', {
      default: 3,
      min: 1,
      max: 256,
      describe: 'partitions of the processed topic; must match the topic on the broker',
    }),
    maxValueBytes: processorMaxValueBytesSetting,
    client: processorClientSettings,
    health: healthServerSettings('PROCESSOR', 9464),
    logging: loggingSettings,
    enrichment: enrichmentSettings,
  },
  { map: ({ client, health, logging, ...own }): ProcessorConfig => ({ ...client, ...health, ...logging, ...own }) },
);

/** The enrichment processor's settings, from the environment, each defaulted and validated. */
export const processorConfigFromEnv = (env: Env): ProcessorConfig => processorSettings(env);
