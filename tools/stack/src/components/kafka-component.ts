import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probeBroker } from '@eap/kafka-io';
import type { JavaRuntime } from '../java-runtime.js';
import { spawnDetached, trackedProcess } from '../process-control.js';
import type { StackComponent } from '../stack-component.js';
import { StackError } from '../stack-error.js';
import type { StackPaths } from '../stack-paths.js';
import type { StackSettings } from '../stack-settings.js';
import { log4jConfig } from './log4j-config.js';

/** The settings a single combined broker+controller needs (replication 1 everywhere). */
export const kafkaServerProperties = (s: StackSettings, dataDir: string): string => {
  const broker = `${s.host}:${s.ports.kafka}`;
  const controller = `${s.host}:${s.ports.controller}`;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.bootstrap.servers=${controller}`,
    `listeners=PLAINTEXT://${broker},CONTROLLER://${controller}`,
    `advertised.listeners=PLAINTEXT://${broker},CONTROLLER://${controller}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'default.replication.factor=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'transaction.state.log.num.partitions=10',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'group.coordinator.rebalance.protocols=classic,consumer',
    'num.network.threads=2',
    'num.io.threads=2',
    'auto.create.topics.enable=false',
    // Committed offsets (and the re-delivery state in their metadata) live as long as the data: a
    // pipeline stopped for weeks resumes where it was (Kafka's default forgets them after 7 days).
    'offsets.retention.minutes=2147483647',
    'message.max.bytes=8388608',
    '',
  ].join('\n');
};

/** A KRaft cluster id: 16 random bytes, base64url without padding (what `random-uuid` prints). */
/** Like Kafka's own ids: base64url of 16 random bytes, never starting with '-' (the storage tool would read it as an option). */
export const newClusterId = (): string => {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
};

export const createKafkaComponent = (s: StackSettings, p: StackPaths, java: () => JavaRuntime): StackComponent => {
  const dir = p.kafkaDir;
  const properties = join(dir, 'server.properties');
  const data = join(dir, 'data');
  const log4j = join(dir, 'log4j2.properties');
  const pidFile = p.pidFile('kafka');
  const tracked = trackedProcess(pidFile, properties);
  const classpath = `${p.kafkaLibs}/*`;
  const jvm = (heap: string) => [
    `-Xms128m`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4j}`,
    `-Dkafka.logs.dir=${p.logs}`,
  ];

  return {
    name: 'kafka',
    ports: [
      { setting: 'STACK_KAFKA_PORT', port: s.ports.kafka },
      { setting: 'STACK_CONTROLLER_PORT', port: s.ports.controller },
    ],
    address: `${s.host}:${s.ports.kafka}`,
    logFile: p.logFile('kafka'),
    dependsOn: [],
    runningPid: tracked.runningPid,
    async prepare() {
      mkdirSync(data, { recursive: true });
      writeFileSync(properties, kafkaServerProperties(s, data));
      writeFileSync(
        log4j,
        log4jConfig({
          kafka: 'INFO',
          'org.apache.kafka': 'INFO',
          'kafka.request.logger': 'WARN',
          'state.change.logger': 'WARN',
          'org.apache.kafka.storage.internals.log': 'WARN',
          'kafka.log': 'WARN',
        }),
      );
      if (existsSync(join(data, 'meta.properties'))) return;
      try {
        execFileSync(
          java().bin,
          [...jvm('256m'), '-cp', classpath, 'kafka.tools.StorageTool', 'format', '--standalone', '-t', newClusterId(), '-c', properties, '-g'],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        throw new StackError('kafka', `formatting the KRaft storage failed: ${(err.stderr || err.stdout || String(e)).trim().split('\n').slice(-3).join(' ')}`);
      }
    },
    async start() {
      return spawnDetached(java().bin, [...jvm(s.heaps.kafka), '-cp', classpath, 'kafka.Kafka', properties], {
        cwd: dir,
        logFile: p.logFile('kafka'),
        pidFile,
      });
    },
    async health() {
      const r = await probeBroker([`${s.host}:${s.ports.kafka}`], 2_000);
      return { ok: true, detail: `cluster ${r.clusterId}, ${r.brokerCount} broker` };
    },
    stop: tracked.stop,
  };
};
