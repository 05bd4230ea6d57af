import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JavaRuntime } from '../java-runtime.js';
import { kafkaBootstrap } from '../kafka-cluster.js';
import { spawnDetached, trackedProcess } from '../process-control.js';
import type { StackComponent } from '../stack-component.js';
import { kafkaComponentNames, type StackPaths } from '../stack-paths.js';
import type { StackSettings } from '../stack-settings.js';
import { log4jConfig } from './log4j-config.js';

export const DEBEZIUM_POSTGRES_CLASS = 'io.debezium.connector.postgresql.PostgresConnector';
export const APICURIO_AVRO_CONVERTER_CLASS = 'io.apicurio.registry.utils.converter.AvroConverter';

/**
 * A one-node distributed worker: every broker to bootstrap from, internal topics replicated on every
 * broker (1 or 3), REST on loopback, secrets by provider.
 */
export const connectWorkerProperties = (s: StackSettings, p: StackPaths): string =>
  [
    `bootstrap.servers=${kafkaBootstrap(s).join(',')}`,
    'group.id=employee-pipeline-connect',
    'key.converter=org.apache.kafka.connect.json.JsonConverter',
    'value.converter=org.apache.kafka.connect.json.JsonConverter',
    'key.converter.schemas.enable=true',
    'value.converter.schemas.enable=true',
    'config.storage.topic=_connect-configs',
    'offset.storage.topic=_connect-offsets',
    'status.storage.topic=_connect-status',
    `config.storage.replication.factor=${s.kafkaBrokers}`,
    `offset.storage.replication.factor=${s.kafkaBrokers}`,
    'offset.storage.partitions=5',
    `status.storage.replication.factor=${s.kafkaBrokers}`,
    'status.storage.partitions=1',
    `listeners=http://${s.host}:${s.ports.connect}`,
    `rest.advertised.host.name=${s.host}`,
    `rest.advertised.port=${s.ports.connect}`,
    `plugin.path=${p.debeziumPlugins},${p.converterPlugins}`,
    // Kafka's, Debezium's and (through our services jar) Apicurio's plugins ship ServiceLoader manifests: no 3 s reflection scan.
    'plugin.discovery=service_load',
    // Debezium confirms positions to PostgreSQL (and the slot frees WAL) only when offsets are flushed.
    'offset.flush.interval.ms=1000',
    // One worker: a worker that died (SIGKILL) comes back under a new member id, and with the default
    // delay (5 min) its connectors would wait that long for the lost member before being given out again.
    'scheduled.rebalance.max.delay.ms=0',
    'config.providers=file,env',
    'config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider',
    `config.providers.file.param.allowed.paths=${p.secrets}`,
    'config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider',
    'topic.creation.enable=true',
    '',
  ].join('\n');

export const createConnectComponent = (s: StackSettings, p: StackPaths, java: () => JavaRuntime): StackComponent => {
  const dir = p.connectDir;
  const properties = join(dir, 'worker.properties');
  const log4j = join(dir, 'log4j2.properties');
  const pidFile = p.pidFile('connect');
  const tracked = trackedProcess(pidFile, properties);
  const base = `http://${s.host}:${s.ports.connect}`;
  return {
    name: 'connect',
    ports: [{ setting: 'STACK_CONNECT_PORT', port: s.ports.connect }],
    address: base,
    logFile: p.logFile('connect'),
    dependsOn: kafkaComponentNames(s.kafkaBrokers),
    runningPid: tracked.runningPid,
    async prepare() {
      mkdirSync(dir, { recursive: true });
      mkdirSync(p.secrets, { recursive: true, mode: 0o700 }); // allowed.paths must exist
      writeFileSync(properties, connectWorkerProperties(s, p));
      writeFileSync(
        log4j,
        log4jConfig({
          'org.apache.kafka.clients': 'WARN',
          'org.apache.kafka.common.config': 'WARN',
          'org.reflections': 'ERROR',
          'org.eclipse.jetty': 'WARN',
          'org.glassfish': 'WARN',
        }),
      );
    },
    async start() {
      return spawnDetached(
        java().bin,
        [
          '-Xms128m',
          `-Xmx${s.heaps.connect}`,
          '-XX:+UseG1GC',
          '-Djava.awt.headless=true',
          `-Dlog4j2.configurationFile=${log4j}`,
          '-cp',
          `${p.kafkaLibs}/*`,
          'org.apache.kafka.connect.cli.ConnectDistributed',
          properties,
        ],
        { cwd: dir, logFile: p.logFile('connect'), pidFile },
      );
    },
    async health() {
      const res = await fetch(`${base}/connector-plugins?connectorsOnly=false`, { signal: AbortSignal.timeout(2_000) });
      if (!res.ok) return { ok: false, reason: `GET /connector-plugins answered ${res.status}` };
      const plugins = (await res.json()) as { class: string; version: string }[];
      const debezium = plugins.find((x) => x.class === DEBEZIUM_POSTGRES_CLASS);
      if (!debezium)
        return {
          ok: false,
          fatal: true,
          reason: `the Debezium PostgreSQL plugin is not among the ${plugins.length} plugins Connect found (plugin.path=${p.debeziumPlugins}); delete that folder's parent to fetch it again`,
        };
      if (!plugins.some((x) => x.class === APICURIO_AVRO_CONVERTER_CLASS))
        return {
          ok: false,
          fatal: true,
          reason: `Apicurio's Avro converter is not among the ${plugins.length} plugins Connect found (plugin.path=${p.converterPlugins}); delete that folder's parent to fetch it again`,
        };
      return { ok: true, detail: `Debezium PostgreSQL ${debezium.version}, Apicurio Avro converter` };
    },
    stop: tracked.stop,
    kill: tracked.kill,
  };
};
