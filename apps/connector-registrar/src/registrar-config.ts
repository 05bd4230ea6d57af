import { join } from 'node:path';
import { CONNECTOR_FORMATS, converterRegistryUrl, type ConnectorFormat } from '@eap/connect-io';
import {
  connectUrlSetting,
  defineSettings,
  kafkaBrokersSetting,
  pipelineNamesSettings,
  registryUrlSetting,
  setting,
  urlSetting,
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
  readonly format: ConnectorFormat;
  /** Apicurio's v2 API as Connect's converter reaches it. */
  readonly connectRegistryUrl: string;
  /** Whether Connect has the project's caching schema resolver (the embedded stack's does). */
  readonly connectSchemaCache: boolean;
  readonly formatSwitch: boolean;
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
  format: setting.oneOf('CONNECTOR_FORMAT', CONNECTOR_FORMATS, {
    default: 'avro',
    describe:
      "how Debezium writes the source topics: `avro` (keys and values through the registry, Confluent wire format) or `json` (the seed's JSON with the schema inline); see [capture format](capture-format.md)",
  }),
  formatSwitch: setting.bool('CONNECTOR_FORMAT_SWITCH', {
    default: false,
    describe:
      'lets the registrar change the format of a connector that already writes the other one (records already written stay as they are; see [capture format](capture-format.md))',
  }),
  connectRegistryUrl: urlSetting('CONNECT_REGISTRY_URL', {
    path: true,
    defaultText: '`<origin of SCHEMA_REGISTRY_URL>/apis/registry/v2`',
    describe: "the registry's v2 API as Kafka Connect's Avro converter reaches it",
  }),
  connectSchemaCache: setting.bool('CONNECT_AVRO_SCHEMA_CACHE', {
    default: true,
    describe:
      "gives Apicurio's Avro converter the project's caching schema resolver, which the embedded stack's Connect has (`tools/stack/maven/connect-extensions`; about twice the capture rate); `false` for a Connect without it, such as a stock Debezium image",
  }),
  registryUrl: registryUrlSetting,
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
    format: s.format,
    connectRegistryUrl: s.connectRegistryUrl ?? converterRegistryUrl(s.registryUrl),
    connectSchemaCache: s.connectSchemaCache,
    formatSwitch: s.formatSwitch,
    connectDb: { ...(s.connectDbHost ? { host: s.connectDbHost } : {}), ...(s.connectDbPort ? { port: s.connectDbPort } : {}) },
  };
};
