import { parseEnrichmentConfig, type EnrichmentConfig } from '@eap/enrichment-rules';
import { ConfigError, pipelineNamesFromEnv, type Env, type PipelineNames } from '@eap/pipeline-config';
import type { LogLevel } from '@eap/service-runtime';

export interface ProcessorConfig {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly names: PipelineNames;
  readonly groupId: string;
  readonly processedPartitions: number;
  readonly maxValueBytes: number;
  readonly healthPort: number;
  readonly logLevel: LogLevel;
  readonly enrichment: EnrichmentConfig;
}

const int = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name]?.trim() || String(fallback);
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(name, `"${raw}" must be a whole number from ${min} to ${max}`);
  return Number(raw);
};

/** The enrichment processor's settings, from the environment, each defaulted and validated. */
export const processorConfigFromEnv = (env: Env): ProcessorConfig => {
  const names = pipelineNamesFromEnv(env);
  const brokers = (env['KAFKA_BROKERS']?.trim() || '127.0.0.1:9092').split(',').map((b) => b.trim());
  if (brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) throw new ConfigError('KAFKA_BROKERS', `"${env['KAFKA_BROKERS']}" must be host:port[,host:port...]`);
  const registryUrl = env['SCHEMA_REGISTRY_URL']?.trim() || 'http://127.0.0.1:8081/apis/ccompat/v7';
  if (!/^https?:\/\/\S+$/.test(registryUrl)) throw new ConfigError('SCHEMA_REGISTRY_URL', `"${registryUrl}" must be an http(s) URL`);
  const logLevel = (env['LOG_LEVEL']?.trim() || 'info') as LogLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new ConfigError('LOG_LEVEL', `"${logLevel}" must be debug, info, warn or error`);
  return {
    brokers,
    registryUrl,
    names,
    groupId: env['PROCESSOR_GROUP_ID']?.trim() || `${names.topicPrefix}-enrichment-processor`,
    processedPartitions: int(env, 'PROCESSED_PARTITIONS', 3, 1, 256),
    maxValueBytes: int(env, 'PROCESSOR_MAX_VALUE_BYTES', 1_048_576, 1_024, 64 * 1_048_576),
    healthPort: int(env, 'PROCESSOR_HEALTH_PORT', 9464, 0, 65535),
    logLevel,
    enrichment: parseEnrichmentConfig(env),
  };
};
