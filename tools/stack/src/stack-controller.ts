import { mkdirSync, rmSync } from 'node:fs';
import { createConnectComponent } from './components/connect-component.js';
import { createKafkaComponent } from './components/kafka-component.js';
import { createPostgresComponent, postgresRoot, stackPgConnection } from './components/postgres-component.js';
import { createRegistryComponent } from './components/registry-component.js';
import { ensureArtifacts } from './artifact-fetcher.js';
import { findJava, type JavaRuntime } from './java-runtime.js';
import { tailFile } from './log-tail.js';
import { findPortHolder, isPortOpen } from './port-holder.js';
import type { StackComponent } from './stack-component.js';
import { StackError } from './stack-error.js';
import { COMPONENTS, stackPaths, type ComponentName, type StackPaths } from './stack-paths.js';
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
  /** Stops everything and wipes data and logs (the artifact cache stays). */
  reset(): Promise<void>;
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
  const components = new Map<ComponentName, StackComponent>([
    ['postgres', createPostgresComponent(s, paths)],
    ['kafka', createKafkaComponent(s, paths, javaRuntime)],
    ['connect', createConnectComponent(s, paths, javaRuntime)],
    ['registry', createRegistryComponent(s, paths, javaRuntime)],
  ]);
  const component = (n: ComponentName) => components.get(n)!;

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
      for (const { setting, port } of c.ports) {
        if (await isPortOpen(s.host, port)) {
          const holder = findPortHolder(port);
          const who = holder?.pid ? `pid ${holder.pid} (${holder.command})` : 'a process we cannot see';
          throw new StackError(c.name, `port ${port} (${setting}) is held by a foreign process: ${who}. Stop it or choose another port with ${setting}=<port>`);
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
    mkdirSync(paths.logs, { recursive: true });
    mkdirSync(paths.run, { recursive: true });
    const needsStart = COMPONENTS.some((n) => n !== 'postgres' && !component(n).runningPid());
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
    return Promise.all(COMPONENTS.map(run));
  };

  const down = async (): Promise<readonly ComponentStatus[]> => {
    const stopOne = async (n: ComponentName): Promise<ComponentStatus> => {
      const c = component(n);
      const pid = c.runningPid();
      const how = await c.stop();
      if (how !== 'not-running') log(`■ ${n}: ${how} (pid ${pid})`);
      return row(c, 'stopped', undefined, how === 'not-running' ? 'was not running' : how);
    };
    // the clients of Kafka and PostgreSQL first, then the servers they use
    const stopped = [
      ...(await Promise.all((['connect', 'registry'] as const).map(stopOne))),
      ...(await Promise.all((['kafka', 'postgres'] as const).map(stopOne))),
    ];
    return COMPONENTS.map((n) => stopped.find((r) => r.component === n)!);
  };

  const status = async (): Promise<readonly ComponentStatus[]> =>
    Promise.all(
      COMPONENTS.map(async (n) => {
        const c = component(n);
        const pid = c.runningPid();
        if (pid) {
          const h = await c.health().catch((e: unknown) => ({ ok: false as const, reason: e instanceof Error ? e.message : String(e) }));
          return h.ok ? row(c, 'running', pid, h.detail ?? '') : row(c, 'unhealthy', pid, h.reason);
        }
        for (const { port, setting } of c.ports) {
          if (await isPortOpen(s.host, port)) {
            const holder = findPortHolder(port);
            return row(c, 'foreign', holder?.pid, `port ${port} (${setting}) is held by another process${holder?.command ? `: ${holder.command}` : ''}`);
          }
        }
        return row(c, 'stopped', undefined, '');
      }),
    );

  const reset = async (): Promise<void> => {
    await down();
    const pgRoot = postgresRoot(paths);
    for (const dir of [paths.kafkaDir, paths.connectDir, paths.registryDir, paths.logs, paths.run, paths.secrets, pgRoot]) {
      rmSync(dir, { recursive: true, force: true });
    }
    log(`■ reset: wiped data and logs under ${paths.stackDir}${pgRoot.startsWith(paths.stackDir) ? '' : ` and ${pgRoot}`} (artifact cache kept)`);
  };

  const connection = (): StackConnection => ({
    postgresUrl: describePgConnection(stackPgConnection(s, paths, 'streaming_db')),
    pgpassFile: paths.pgpass,
    postgresPasswordProperties: paths.pgPasswordProperties,
    kafkaBrokers: [`${s.host}:${s.ports.kafka}`],
    connectUrl: `http://${s.host}:${s.ports.connect}`,
    registryUrl: `http://${s.host}:${s.ports.registry}/apis/ccompat/v7`,
  });

  return { paths, components, up, down, status, reset, connection };
};
