import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { clusterShapeProblem, existingClusterId, otherShapeKafkaNodes } from './cluster-shape.js';
import { parseComponentName } from './component-name.js';
import { createConnectComponent } from './components/connect-component.js';
import { createKafkaComponent, newClusterId } from './components/kafka-component.js';
import { createPostgresComponent, postgresRoot, stackPgConnection } from './components/postgres-component.js';
import { createRegistryComponent } from './components/registry-component.js';
import { ensureArtifacts } from './artifact-fetcher.js';
import { findJava, type JavaRuntime } from './java-runtime.js';
import { kafkaBootstrap, kafkaNodes } from './kafka-cluster.js';
import { tailFile } from './log-tail.js';
import { findPortHolder, isPortOpen } from './port-holder.js';
import { trackedProcess } from './process-control.js';
import type { StackComponent } from './stack-component.js';
import { StackError } from './stack-error.js';
import {
  componentNames,
  KAFKA_COMPONENT_NAMES,
  kafkaComponentNames,
  stackPaths,
  type ComponentName,
  type KafkaComponentName,
  type StackPaths,
} from './stack-paths.js';
import type { StackSettings } from './stack-settings.js';
import type { ComponentStatus } from './stack-status.js';
import { waitFor } from './wait-for.js';
import { describePgConnection } from '@eap/pg-io';

export interface StackController {
  readonly paths: StackPaths;
  readonly components: ReadonlyMap<ComponentName, StackComponent>;
  /** Starts what is not running, in dependency order and in parallel where it can; waits for health. */
  up(): Promise<readonly ComponentStatus[]>;
  down(): Promise<readonly ComponentStatus[]>;
  status(): Promise<readonly ComponentStatus[]>;
  /** Stops everything and wipes data and logs (the artifact cache stays), of either Kafka cluster shape. */
  reset(): Promise<void>;
  /**
   * Ends one component at once, as a crash would: SIGKILL, or for PostgreSQL an immediate shutdown.
   * `name` as on the command line: `postgres`, `connect`, `registry`, `kafka`, `kafka-2` or `2`.
   */
  kill(name: string): Promise<ComponentStatus>;
  /** Stops one component gracefully if it runs, starts it and waits until it is healthy; throws a StackError if it is not. */
  restart(name: string): Promise<ComponentStatus>;
  /** Connection facts for scripts and tests (no password: see `pgpassFile`). */
  connection(): StackConnection;
}

export interface StackConnection {
  readonly postgresUrl: string;
  readonly pgpassFile: string;
  readonly postgresPasswordProperties: string;
  readonly kafkaBrokers: readonly string[];
  readonly connectUrl: string;
  readonly registryUrl: string;
}

export const createStackController = (
  s: StackSettings,
  { log = (line: string): void => void process.stderr.write(`${line}\n`) }: { log?: (line: string) => void } = {},
): StackController => {
  const paths = stackPaths(s);
  let java: JavaRuntime | undefined;
  const javaRuntime = () => (java ??= findJava(s.javaHome));
  // every node of the cluster is formatted with one id: that of a node formatted before, or a new one
  let clusterId: string | undefined;
  const kafkaClusterId = () => (clusterId ??= existingClusterId(paths, kafkaComponentNames(s.kafkaBrokers)) ?? newClusterId());
  const names = componentNames(s.kafkaBrokers);
  const components = new Map<ComponentName, StackComponent>([
    ['postgres', createPostgresComponent(s, paths)],
    ...kafkaNodes(s).map((node) => [node.name, createKafkaComponent(s, paths, javaRuntime, node, kafkaClusterId)] as const),
    ['connect', createConnectComponent(s, paths, javaRuntime)],
    ['registry', createRegistryComponent(s, paths, javaRuntime)],
  ]);
  const component = (n: ComponentName) => components.get(n)!;
  const isKafka = (n: ComponentName) => (KAFKA_COMPONENT_NAMES as readonly string[]).includes(n);
  /** Storage formatted for the other cluster shape: `up` and `restart` refuse to touch it. */
  const assertClusterShape = () => {
    const problem = clusterShapeProblem(s, paths);
    if (problem) throw new StackError('stack', problem);
  };

  const row = (
    c: StackComponent,
    state: ComponentStatus['state'],
    pid: number | undefined,
    detail: string,
    healthySeconds: number | null = null,
  ): ComponentStatus => ({
    component: c.name,
    state,
    address: c.address,
    pid: pid ?? null,
    logFile: c.logFile,
    healthySeconds,
    detail,
  });

  const failure = (c: StackComponent, reason: string): StackError => new StackError(c.name, reason, { logFile: c.logFile, logTail: tailFile(c.logFile, 15) });

  const upOne = async (c: StackComponent): Promise<ComponentStatus> => {
    const already = c.runningPid();
    const started = Date.now();
    let pid = already;
    if (!pid) {
      for (const { setting, label, port } of c.ports) {
        if (await isPortOpen(s.host, port)) {
          const holder = findPortHolder(port);
          const who = holder?.pid ? `pid ${holder.pid} (${holder.command})` : 'a process we cannot see';
          throw new StackError(
            c.name,
            `port ${port} (${label ?? setting}) is held by a foreign process: ${who}. Stop it or choose another port with ${setting}=<port>`,
          );
        }
      }
      log(`▸ ${c.name}: preparing`);
      await c.prepare();
      log(`▸ ${c.name}: starting`);
      pid = await c.start();
    }
    const startedPid = pid;
    const health = await waitFor(() => c.health(), {
      timeoutMs: s.healthTimeoutMs,
      abort: () => (c.runningPid() ? undefined : `the process (pid ${startedPid}) exited before it became healthy`),
    });
    if (!health.ok) throw failure(c, health.reason);
    let detail = health.detail ?? 'ok';
    if (c.afterHealthy) {
      await c.afterHealthy();
      const again = await c.health();
      if (again.ok) detail = again.detail ?? detail;
    }
    const seconds = already ? null : (Date.now() - started) / 1000;
    log(`✓ ${c.name}: ${already ? 'already running' : `healthy in ${seconds!.toFixed(1)} s`} (${detail})`);
    return row(c, already ? 'running' : 'started', c.runningPid() ?? pid, detail, seconds);
  };

  const up = async (): Promise<readonly ComponentStatus[]> => {
    assertClusterShape();
    mkdirSync(paths.logs, { recursive: true });
    mkdirSync(paths.run, { recursive: true });
    const needsStart = names.some((n) => n !== 'postgres' && !component(n).runningPid());
    if (needsStart) {
      javaRuntime();
      await ensureArtifacts(s, paths, log);
    }
    const runs = new Map<ComponentName, Promise<ComponentStatus>>();
    const run = (n: ComponentName): Promise<ComponentStatus> => {
      let p = runs.get(n);
      if (!p) {
        const c = component(n);
        p = (async () => {
          const deps = await Promise.all(c.dependsOn.map(run));
          const broken = deps.find((d) => d.state === 'failed' || d.state === 'skipped');
          if (broken) return row(c, 'skipped', undefined, `not started: ${broken.component} is not healthy`);
          try {
            return await upOne(c);
          } catch (e) {
            const err = e instanceof StackError ? e : failure(c, e instanceof Error ? e.message : String(e));
            log(err.describe());
            return row(c, 'failed', c.runningPid(), err.reason);
          }
        })();
        runs.set(n, p);
      }
      return p;
    };
    return Promise.all(names.map(run));
  };

  const down = async (): Promise<readonly ComponentStatus[]> => {
    const stopOne = async (n: ComponentName): Promise<ComponentStatus> => {
      const c = component(n);
      const pid = c.runningPid();
      const how = await c.stop();
      if (how !== 'not-running') log(`■ ${n}: ${how} (pid ${pid})`);
      return row(c, 'stopped', undefined, how === 'not-running' ? 'was not running' : how);
    };
    // brokers of the other cluster shape (started with the other STACK_KAFKA_BROKERS) are ours too
    const stopStray = async (n: KafkaComponentName) => {
      const stray = trackedProcess(paths.pidFile(n), join(paths.kafkaNodeDir(n), 'server.properties'));
      const pid = stray.runningPid();
      if (pid) log(`■ ${n}: ${await stray.stop()} (pid ${pid}; a broker of the other cluster shape)`);
    };
    // the clients of Kafka and PostgreSQL first, then the servers they use (the brokers together)
    const stopped = [
      ...(await Promise.all((['connect', 'registry'] as const).map(stopOne))),
      ...(await Promise.all(names.filter((n) => isKafka(n) || n === 'postgres').map(stopOne))),
    ];
    await Promise.all(otherShapeKafkaNodes(s).map(stopStray));
    return names.map((n) => stopped.find((r) => r.component === n)!);
  };

  const status = async (): Promise<readonly ComponentStatus[]> => {
    const shapeProblem = clusterShapeProblem(s, paths);
    return Promise.all(
      names.map(async (n) => {
        const c = component(n);
        const pid = c.runningPid();
        if (pid) {
          const h = await c.health().catch((e: unknown) => ({ ok: false as const, reason: e instanceof Error ? e.message : String(e) }));
          return h.ok ? row(c, 'running', pid, h.detail ?? '') : row(c, 'unhealthy', pid, h.reason);
        }
        const why = isKafka(n) && shapeProblem ? shapeProblem : '';
        for (const { port, setting, label } of c.ports) {
          if (await isPortOpen(s.host, port)) {
            const holder = findPortHolder(port);
            const held = `port ${port} (${label ?? setting}) is held by another process${holder?.command ? `: ${holder.command}` : ''}`;
            return row(c, 'foreign', holder?.pid, why ? `${held}; ${why}` : held);
          }
        }
        return row(c, 'stopped', undefined, why);
      }),
    );
  };

  const reset = async (): Promise<void> => {
    await down();
    const pgRoot = postgresRoot(paths);
    const kafkaDirs = KAFKA_COMPONENT_NAMES.map(paths.kafkaNodeDir);
    for (const dir of [...kafkaDirs, paths.connectDir, paths.registryDir, paths.logs, paths.run, paths.secrets, pgRoot]) {
      rmSync(dir, { recursive: true, force: true });
    }
    log(`■ reset: wiped data and logs under ${paths.stackDir}${pgRoot.startsWith(paths.stackDir) ? '' : ` and ${pgRoot}`} (artifact cache kept)`);
  };

  const connection = (): StackConnection => ({
    postgresUrl: describePgConnection(stackPgConnection(s, paths, 'streaming_db')),
    pgpassFile: paths.pgpass,
    postgresPasswordProperties: paths.pgPasswordProperties,
    kafkaBrokers: kafkaBootstrap(s),
    connectUrl: `http://${s.host}:${s.ports.connect}`,
    registryUrl: `http://${s.host}:${s.ports.registry}/apis/ccompat/v7`,
  });

  const kill = async (name: string): Promise<ComponentStatus> => {
    const c = component(parseComponentName(name, s.kafkaBrokers));
    const pid = c.runningPid();
    const how = await c.kill();
    const what = c.name === 'postgres' ? 'killed (immediate shutdown)' : 'killed (SIGKILL)';
    if (how === 'killed') log(`■ ${c.name}: ${what} (pid ${pid})`);
    return row(c, 'stopped', undefined, how === 'killed' ? what : 'was not running');
  };

  const restart = async (name: string): Promise<ComponentStatus> => {
    const c = component(parseComponentName(name, s.kafkaBrokers));
    assertClusterShape();
    const missing = c.dependsOn.filter((d) => !component(d).runningPid());
    if (missing.length > 0 && missing.length === c.dependsOn.length) {
      throw new StackError(c.name, `${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not running; start the stack with \`npm run stack -- up\``);
    }
    mkdirSync(paths.logs, { recursive: true });
    mkdirSync(paths.run, { recursive: true });
    const pid = c.runningPid();
    if (pid) log(`■ ${c.name}: ${await c.stop()} (pid ${pid})`);
    if (c.name !== 'postgres') {
      javaRuntime();
      await ensureArtifacts(s, paths, log);
    }
    try {
      return await upOne(c);
    } catch (e) {
      throw e instanceof StackError ? e : failure(c, e instanceof Error ? e.message : String(e));
    }
  };

  return { paths, components, up, down, status, reset, connection, kill, restart };
};
