import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { probeBroker } from '@eap/kafka-io';
import type { JavaRuntime } from '../java-runtime.js';
import { kafkaBootstrap, type KafkaNode } from '../kafka-cluster.js';
import { spawnDetached, trackedProcess } from '../process-control.js';
import type { StackComponent } from '../stack-component.js';
import { StackError } from '../stack-error.js';
import type { StackPaths } from '../stack-paths.js';
import type { StackSettings } from '../stack-settings.js';
import { waitFor } from '../wait-for.js';
import { kafkaServerProperties } from './kafka-server-properties.js';
import { log4jConfig } from './log4j-config.js';

/** Like Kafka's own ids: base64url of 16 random bytes, never starting with '-' (the storage tool would read it as an option). */
export const newClusterId = (): string => {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
};

/**
 * One combined broker+controller: `kafka` alone, or `kafka-1`..`kafka-3`, each with its folder, pid
 * file and log. `clusterId` gives the id to format with: the same for every node of the cluster.
 */
export const createKafkaComponent = (s: StackSettings, p: StackPaths, java: () => JavaRuntime, node: KafkaNode, clusterId: () => string): StackComponent => {
  const three = s.kafkaBrokers === 3;
  const dir = p.kafkaNodeDir(node.name);
  const properties = join(dir, 'server.properties');
  const data = join(dir, 'data');
  const log4j = join(dir, 'log4j2.properties');
  const pidFile = p.pidFile(node.name);
  const tracked = trackedProcess(pidFile, properties);
  const classpath = `${p.kafkaLibs}/*`;
  const address = `${s.host}:${node.brokerPort}`;
  const jvm = (heap: string) => [
    `-Xms128m`,
    `-Xmx${heap}`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4j}`,
    `-Dkafka.logs.dir=${p.logs}`,
  ];
  const offset = node.portOffset ? ` + ${node.portOffset}` : '';
  // A broker of three that was just killed stays in the others' metadata until the controller fences
  // it (broker.session.timeout.ms, 9 s); a probe whose client picked it then fails: ask again.
  const probeSelf = async (attempt = 1): Promise<Awaited<ReturnType<typeof probeBroker>>> =>
    probeBroker([address], 2_000).catch((e: unknown) => {
      if (!three || attempt >= 3) throw e;
      return probeSelf(attempt + 1);
    });

  return {
    name: node.name,
    ports: [
      { setting: 'STACK_KAFKA_PORT', label: `STACK_KAFKA_PORT${offset}`, port: node.brokerPort },
      { setting: 'STACK_CONTROLLER_PORT', label: `STACK_CONTROLLER_PORT${offset}`, port: node.controllerPort },
    ],
    address,
    logFile: p.logFile(node.name),
    dependsOn: [],
    runningPid: tracked.runningPid,
    async prepare() {
      mkdirSync(data, { recursive: true });
      writeFileSync(properties, kafkaServerProperties(s, data, node));
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
      // one node: a single-voter dynamic quorum; three: the static quorum of controller.quorum.voters (no flag)
      const quorum = three ? [] : ['--standalone'];
      try {
        execFileSync(
          java().bin,
          [...jvm('256m'), '-cp', classpath, 'kafka.tools.StorageTool', 'format', ...quorum, '-t', clusterId(), '-c', properties, '-g'],
          {
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        throw new StackError(
          node.name,
          `formatting the KRaft storage failed: ${(err.stderr || err.stdout || String(e)).trim().split('\n').slice(-3).join(' ')}`,
        );
      }
    },
    async start() {
      return spawnDetached(java().bin, [...jvm(s.heaps.kafka), '-cp', classpath, 'kafka.Kafka', properties], {
        cwd: dir,
        logFile: p.logFile(node.name),
        pidFile,
      });
    },
    async health() {
      // this broker answers, from its own metadata: the brokers the controllers count as alive
      const r = await probeSelf();
      if (!three) return { ok: true, detail: `cluster ${r.clusterId}, ${r.brokerCount} broker` };
      return { ok: true, detail: `node ${node.id}, cluster ${r.clusterId}, ${r.brokerCount} of ${s.kafkaBrokers} brokers up` };
    },
    // Three brokers: healthy for `up` and `restart` once the cluster counts all of them (Connect's
    // internal topics need 3 replicas; a restarted broker has then rejoined).
    ...(three
      ? {
          async afterHealthy() {
            const all = await waitFor(
              async () => {
                const r = await probeBroker(kafkaBootstrap(s), 2_000);
                return r.brokerCount >= s.kafkaBrokers ? { ok: true } : { ok: false, reason: `${r.brokerCount} of ${s.kafkaBrokers} brokers up` };
              },
              { timeoutMs: s.healthTimeoutMs, abort: () => (tracked.runningPid() ? undefined : 'the process exited') },
            );
            if (!all.ok) throw new StackError(node.name, `the cluster did not count all ${s.kafkaBrokers} brokers: ${all.reason}`);
          },
        }
      : {}),
    stop: tracked.stop,
    kill: tracked.kill,
  };
};
