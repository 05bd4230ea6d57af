import { parseEnrichmentConfig, type EnrichmentConfig } from '@eap/enrichment-rules';
import {
  intSetting,
  kafkaBrokersFromEnv,
  logLevelFromEnv,
  pipelineNamesFromEnv,
  processorGroupIdFromEnv,
  registryUrlFromEnv,
  type Env,
  type PipelineNames,
  healthHostSetting,
} from '@eap/pipeline-config';
import type { LogLevel } from '@eap/service-runtime';

export interface ProcessorConfig {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly names: PipelineNames;
  readonly groupId: string;
  readonly processedPartitions: number;
  readonly maxValueBytes: number;
  readonly healthPort: number;
  /** The health server's bind address (loopback by default). */
  readonly healthHost: string;
  readonly logLevel: LogLevel;
  readonly enrichment: EnrichmentConfig;
}

/** The enrichment processor's settings, from the environment, each defaulted and validated. */
export const processorConfigFromEnv = (env: Env): ProcessorConfig => {
  const names = pipelineNamesFromEnv(env);
  const brokers = kafkaBrokersFromEnv(env);
  const registryUrl = registryUrlFromEnv(env);
  const logLevel: LogLevel = logLevelFromEnv(env);
  return {
    brokers,
    registryUrl,
    names,
    groupId: processorGroupIdFromEnv(env, names),
    processedPartitions: intSetting(env, 'PROCESSED_PARTITIONS', 3, 1, 256),
    maxValueBytes: intSetting(env, 'PROCESSOR_MAX_VALUE_BYTES', 1_048_576, 1_024, 64 * 1_048_576),
    healthPort: intSetting(env, 'PROCESSOR_HEALTH_PORT', 9464, 0, 65535),
    healthHost: healthHostSetting(env, 'PROCESSOR_HEALTH_HOST'),
    logLevel,
    enrichment: parseEnrichmentConfig(env),
  };
};
