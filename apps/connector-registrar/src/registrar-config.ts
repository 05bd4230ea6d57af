import { join } from 'node:path';
import { ConfigError, connectUrlFromEnv, intSetting, kafkaBrokersFromEnv, pipelineNamesFromEnv, type Env, type PipelineNames } from '@eap/pipeline-config';

export interface RegistrarConfig {
  readonly connectUrl: string;
  readonly brokers: readonly string[];
  readonly names: PipelineNames;
  readonly passwordFile: string;
  readonly sourcePartitions: number;
  readonly timeoutMs: number;
  readonly migrate: boolean;
  /** The database address as Connect sees it, when it differs from ours (Docker: postgres:5432). */
  readonly connectDb: { readonly host?: string; readonly port?: number };
}

/** Settings of the registrar, from the environment, each defaulted and validated. */
export const registrarConfigFromEnv = (env: Env, cwd: string): RegistrarConfig => {
  const connectUrl = connectUrlFromEnv(env);
  const migrate = (env['REGISTRAR_MIGRATE'] ?? 'true').trim();
  if (migrate !== 'true' && migrate !== 'false') throw new ConfigError('REGISTRAR_MIGRATE', `"${migrate}" must be true or false`);
  const brokers = kafkaBrokersFromEnv(env);
  return {
    connectUrl,
    brokers,
    names: pipelineNamesFromEnv(env),
    passwordFile: env['PIPELINE_DB_PASSWORD_FILE']?.trim() || join(env['STACK_DIR'] ?? join(cwd, '.stack'), 'secrets', 'postgres.properties'),
    sourcePartitions: intSetting(env, 'PIPELINE_SOURCE_PARTITIONS', 1, 1, 64),
    timeoutMs: intSetting(env, 'REGISTRAR_TIMEOUT_SECONDS', 90, 5, 3600) * 1000,
    migrate: migrate === 'true',
    connectDb: {
      ...(env['CONNECT_DB_HOST']?.trim() ? { host: env['CONNECT_DB_HOST'].trim() } : {}),
      ...(env['CONNECT_DB_PORT']?.trim() ? { port: intSetting(env, 'CONNECT_DB_PORT', 5432, 1, 65535) } : {}),
    },
  };
};
