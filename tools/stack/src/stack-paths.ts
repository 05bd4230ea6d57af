import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { StackSettings } from './stack-settings.js';

/** `kafka` with one broker; `kafka-1`, `kafka-2`, `kafka-3` with three. */
export type KafkaComponentName = 'kafka' | 'kafka-1' | 'kafka-2' | 'kafka-3';
/** The brokers of either cluster shape. */
export const KAFKA_COMPONENT_NAMES: readonly KafkaComponentName[] = ['kafka', 'kafka-1', 'kafka-2', 'kafka-3'];
export type ComponentName = 'postgres' | KafkaComponentName | 'connect' | 'registry';
/** The components of the one-broker stack (the default). */
export const COMPONENTS: readonly ComponentName[] = ['postgres', 'kafka', 'connect', 'registry'];

export const kafkaComponentNames = (brokers: number): readonly KafkaComponentName[] => (brokers === 3 ? ['kafka-1', 'kafka-2', 'kafka-3'] : ['kafka']);

/** Every component of a stack with `brokers` Kafka brokers, in start order. */
export const componentNames = (brokers: number): readonly ComponentName[] => ['postgres', ...kafkaComponentNames(brokers), 'connect', 'registry'];

/** Where each thing lives under the stack folder. */
export interface StackPaths {
  readonly stackDir: string;
  readonly logs: string;
  readonly run: string;
  readonly secrets: string;
  readonly pgpass: string;
  readonly pgPasswordProperties: string;
  /** The one broker's folder (`kafka`); `kafkaNodeDir('kafka-2')` for a broker of three. */
  readonly kafkaDir: string;
  readonly connectDir: string;
  readonly registryDir: string;
  /** Used when the `postgres` user cannot reach the stack folder (a clone under a 0700 folder). */
  readonly postgresFallbackDir: string;
  readonly kafkaLibs: string;
  readonly debeziumPlugins: string;
  readonly apicurioDir: string;
  /** The plugin.path entry holding Apicurio's Avro converter (its own folder, its own class loader). */
  readonly converterPlugins: string;
  kafkaNodeDir(c: KafkaComponentName): string;
  logFile(c: ComponentName): string;
  pidFile(c: ComponentName): string;
}

export const stackPaths = (s: StackSettings): StackPaths => {
  const secrets = join(s.stackDir, 'secrets');
  const logs = join(s.stackDir, 'logs');
  const run = join(s.stackDir, 'run');
  const id = createHash('sha256').update(s.stackDir).digest('hex').slice(0, 12);
  return {
    stackDir: s.stackDir,
    logs,
    run,
    secrets,
    pgpass: join(secrets, 'pgpass'),
    pgPasswordProperties: join(secrets, 'postgres.properties'),
    kafkaDir: join(s.stackDir, 'kafka'),
    connectDir: join(s.stackDir, 'connect'),
    registryDir: join(s.stackDir, 'registry'),
    postgresFallbackDir: join('/var/tmp', `employee-pipeline-stack-${id}`),
    kafkaLibs: join(s.cacheDir, `kafka-${s.versions.kafka}`, 'libs'),
    debeziumPlugins: join(s.cacheDir, `debezium-${s.versions.debezium}`, 'plugins'),
    apicurioDir: join(s.cacheDir, `apicurio-${s.versions.apicurio}`),
    converterPlugins: join(s.cacheDir, `apicurio-converter-${s.versions.apicurioConverter}`, 'plugins'),
    kafkaNodeDir: (c) => join(s.stackDir, c),
    logFile: (c) => join(logs, `${c}.log`),
    pidFile: (c) => join(run, `${c}.pid`),
  };
};
