import { join } from 'node:path';
import {
  connectUrlSetting,
  defineSettings,
  kafkaBrokersSetting,
  pipelineNamesSettings,
  setting,
  stackDirSetting,
  type Env,
  type PipelineNames,
} from '@eap/pipeline-config';

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

/** The registrar's settings: its own, Connect's address, the brokers (it pre-creates the source topics) and the pipeline's names. */
export const registrarSettings = defineSettings('connector-registrar', {
  sourcePartitions: setting.int('PIPELINE_SOURCE_PARTITIONS', {
    default: 1,
    min: 1,
    max: 64,
    describe:
      'partitions of the activities topic (the employees topic has 1, compacted). One keeps every change in commit order, which a truncate needs: with more, rows committed after a truncate but read first from another partition would be wiped by it',
  }),
  timeoutSeconds: setting.int('REGISTRAR_TIMEOUT_SECONDS', {
    default: 90,
    min: 5,
    max: 3600,
    describe: 'how long the registrar waits for Connect and the connector',
  }),
  migrate: setting.bool('REGISTRAR_MIGRATE', { default: true, describe: 'whether the registrar runs the database migrations first' }),
  passwordFile: setting.string('PIPELINE_DB_PASSWORD_FILE', {
    pattern: /^.+$/,
    accepts: 'a file',
    defaultText: '`<STACK_DIR>/secrets/postgres.properties`',
    describe: "the file Connect's `FileConfigProvider` reads the password from",
  }),
  connectDbHost: setting.string('CONNECT_DB_HOST', {
    pattern: /^[^\s]+$/,
    accepts: 'a host name or an IP address',
    defaultText: 'as `PGHOST`',
    describe: 'the database as Connect sees it (Docker: `postgres`)',
  }),
  connectDbPort: setting.int('CONNECT_DB_PORT', {
    min: 1,
    max: 65535,
    defaultText: 'as `PGPORT`',
    describe: "the database's port as Connect sees it (Docker: `5432`)",
  }),
  stackDir: stackDirSetting,
  connectUrl: connectUrlSetting,
  brokers: kafkaBrokersSetting,
  names: pipelineNamesSettings,
});

/** Settings of the registrar, from the environment, each defaulted and validated. */
export const registrarConfigFromEnv = (env: Env, cwd: string): RegistrarConfig => {
  const s = registrarSettings(env);
  return {
    connectUrl: s.connectUrl,
    brokers: s.brokers,
    names: s.names,
    passwordFile: s.passwordFile ?? join(s.stackDir ?? join(cwd, '.stack'), 'secrets', 'postgres.properties'),
    sourcePartitions: s.sourcePartitions,
    timeoutMs: s.timeoutSeconds * 1000,
    migrate: s.migrate,
    connectDb: { ...(s.connectDbHost ? { host: s.connectDbHost } : {}), ...(s.connectDbPort ? { port: s.connectDbPort } : {}) },
  };
};
