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
  readonly fetchBytesPerPartition: number;
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
    fetchBytesPerPartition: setting.int('PROCESSOR_FETCH_BYTES', {
      default: 8_388_608,
      min: 65_536,
      max: 268_435_456,
      describe:
        "the most one fetch brings of the input partition, so the largest batch, which is one transaction: on a backlog 8 MiB gave JSON input twice the rate of KafkaJS's 1 MiB ([benchmarks](benchmarks.md#what-each-change-bought)); it costs memory",
    }),
    client: processorClientSettings,
    health: healthServerSettings('PROCESSOR', 9464),
    logging: loggingSettings,
    enrichment: enrichmentSettings,
  },
  { map: ({ client, health, logging, ...own }): ProcessorConfig => ({ ...client, ...health, ...logging, ...own }) },
);

/** The enrichment processor's settings, from the environment, each defaulted and validated. */
export const processorConfigFromEnv = (env: Env): ProcessorConfig => processorSettings(env);
