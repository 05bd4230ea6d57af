import type { Env } from './config-error.js';
import { pipelineNamesSettings, type PipelineNames } from './pipeline-names.js';
import { defineSettings, setting, urlSetting, type Setting, type SettingsSchema } from './settings.js';

/** The settings every part of the pipeline shares, each declared once here and composed into the apps' groups. */
export const kafkaBrokersSetting = setting.list('KAFKA_BROKERS', {
  default: '127.0.0.1:9092',
  item: /^[^:\s]+:\d+$/,
  accepts: 'host:port[,host:port...]',
  describe: 'the Kafka brokers',
});

export const registryUrlSetting = urlSetting('SCHEMA_REGISTRY_URL', {
  default: 'http://127.0.0.1:8081/apis/ccompat/v7',
  path: true,
  describe: 'the Confluent-compatible schema registry API',
});

export const connectUrlSetting = urlSetting('CONNECT_URL', { default: 'http://127.0.0.1:8083', path: false, describe: 'the Kafka Connect REST API' });

export type LogLevelSetting = 'debug' | 'info' | 'warn' | 'error';

export const logLevelSetting = setting.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'], {
  default: 'info',
  describe: 'the lowest level of the JSON log lines written to stderr',
});

/** `LOG_LEVEL`, which every long-running app and the console read. */
export const loggingSettings = defineSettings('logging', { logLevel: logLevelSetting });

const groupIdSetting = (name: string, suffix: string, describe: string) =>
  setting.string(name, {
    pattern: /^\S+$/,
    accepts: 'a consumer group id (no spaces)',
    defaultText: `\`<PIPELINE_TOPIC_PREFIX>-${suffix}\``,
    describe,
  });

export const processorGroupIdSetting = groupIdSetting('PROCESSOR_GROUP_ID', 'enrichment-processor', "the enrichment processor's consumer group");
export const aggregatorGroupIdSetting = groupIdSetting(
  'AGGREGATOR_GROUP_ID',
  'summary-aggregator',
  "the summary aggregator's consumer group (`verify` reads its committed watermark)",
);

/** The consumer groups' names when PROCESSOR_GROUP_ID or AGGREGATOR_GROUP_ID is unset. */
export const defaultGroupIds = (names: Pick<PipelineNames, 'topicPrefix'>) => ({
  processor: `${names.topicPrefix}-enrichment-processor`,
  aggregator: `${names.topicPrefix}-summary-aggregator`,
});

/** What a Kafka client of the pipeline needs: the brokers, the registry, the pipeline's names and its consumer group. */
export interface PipelineClientSettings {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly names: PipelineNames;
  readonly groupId: string;
  /** PIPELINE_INSTANCE_ID; unset: the app takes `<host name>-<process id>`. */
  readonly instanceId?: string;
}

/** The name of one running instance of an app, in its logs, its metrics and its consumer group's member list. */
export const instanceIdSetting = setting.string('PIPELINE_INSTANCE_ID', {
  pattern: /^[A-Za-z0-9._-]{1,64}$/,
  accepts: 'letters, digits, `.`, `_` and `-` (1-64)',
  defaultText: '`<host name>-<process id>`',
  describe:
    'names this instance in logs, `/metrics`, `pipeline status` and the console; unique within the group (`npm start` sets `processor-1`, `aggregator-2`, ...)',
});

/** The Kafka connection of every part of the pipeline. */
export const kafkaSettings = defineSettings('kafka', { brokers: kafkaBrokersSetting, registryUrl: registryUrlSetting });

const clientSettings = (app: 'processor' | 'aggregator'): SettingsSchema<PipelineClientSettings> =>
  defineSettings(
    `${app}-client`,
    {
      kafka: kafkaSettings,
      names: pipelineNamesSettings,
      groupId: app === 'processor' ? processorGroupIdSetting : aggregatorGroupIdSetting,
      instanceId: instanceIdSetting,
    },
    {
      map: ({ kafka, names, groupId, instanceId }) => ({
        ...kafka,
        names,
        groupId: groupId ?? defaultGroupIds(names)[app],
        ...(instanceId === undefined ? {} : { instanceId }),
      }),
    },
  );

/** The brokers/registry/names/group block of the enrichment processor (and of what inspects it). */
export const processorClientSettings = clientSettings('processor');
/** The brokers/registry/names/group block of the summary aggregator (and of what inspects it). */
export const aggregatorClientSettings = clientSettings('aggregator');

/** Where a long-running app serves `/healthz`, `/readyz` and `/metrics`. */
export interface HealthServerSettings {
  readonly healthPort: number;
  /** The health server's bind address (loopback by default). */
  readonly healthHost: string;
}

/** `<APP>_HEALTH_PORT` and `<APP>_HEALTH_HOST` of a long-running app's health and metrics server. */
export const healthServerSettings = (prefix: 'PROCESSOR' | 'AGGREGATOR' | 'SIMULATOR', port: number): SettingsSchema<HealthServerSettings> =>
  defineSettings(`${prefix.toLowerCase()}-health`, {
    healthPort: healthPortSetting(prefix, port),
    healthHost: setting.string(`${prefix}_HEALTH_HOST`, {
      default: '127.0.0.1',
      pattern: /^[a-zA-Z0-9.:-]+$/,
      accepts: 'a host name or an IP address such as 127.0.0.1 or 0.0.0.0',
      describe: 'the bind address of the health server; `0.0.0.0` for every interface (a container, a scraper on another host)',
    }),
  });

/** `<APP>_HEALTH_PORT`: the app reads it to listen, the console and `pipeline status` to reach the app. */
export const healthPortSetting = (prefix: 'PROCESSOR' | 'AGGREGATOR' | 'SIMULATOR', port: number) =>
  setting.int(`${prefix}_HEALTH_PORT`, {
    default: port,
    min: 0,
    max: 65535,
    describe: "the port of `/healthz`, `/readyz` and `/metrics`; `0` takes any free one, named in the app's start log line",
  });

const single = <T>(id: string, s: Setting<T>): SettingsSchema<T> => defineSettings(id, { value: s }, { map: (v) => v.value as T });

/** The summary aggregator's consumer group (AGGREGATOR_GROUP_ID overrides it): `verify` reads its committed watermark. */
export const aggregatorGroupIdFromEnv = (env: Env, names: Pick<PipelineNames, 'topicPrefix'>): string =>
  single('aggregator-group', aggregatorGroupIdSetting)(env) ?? defaultGroupIds(names).aggregator;

/** The enrichment processor's consumer group (PROCESSOR_GROUP_ID overrides it). */
export const processorGroupIdFromEnv = (env: Env, names: Pick<PipelineNames, 'topicPrefix'>): string =>
  single('processor-group', processorGroupIdSetting)(env) ?? defaultGroupIds(names).processor;

/** `STACK_DIR`: the embedded stack's data, logs, pids and secrets; its secrets are where the apps find the database password. */
export const stackDirSetting = setting.string('STACK_DIR', {
  pattern: /^.+$/,
  accepts: 'a folder (relative: from the repository)',
  defaultText: '`.stack`',
  describe: 'data, logs, pids and secrets of the embedded stack (git-ignored)',
});

/** PROCESSOR_MAX_VALUE_BYTES: read by the processor, and by `dlq redrive`, which applies its rules again. */
export const processorMaxValueBytesSetting = setting.int('PROCESSOR_MAX_VALUE_BYTES', {
  default: 1_048_576,
  min: 1_024,
  max: 64 * 1_048_576,
  describe: 'the largest source record value the processor reads; a larger one goes to the dead-letter topic',
});
