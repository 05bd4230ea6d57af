import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { JavaRuntime } from '../java-runtime.js';
import { spawnDetached, trackedProcess } from '../process-control.js';
import type { StackComponent } from '../stack-component.js';
import { StackError } from '../stack-error.js';
import type { StackPaths } from '../stack-paths.js';
import type { StackSettings } from '../stack-settings.js';
import { readPostgresPassword, REGISTRY_DATABASE } from './postgres-component.js';

/** The runnable jar of the unpacked registry: `quarkus-app/quarkus-run.jar` (3.1+) or `*-runner.jar` (3.0). */
const registryJar = (dir: string): string => {
  const entries = readdirSync(dir);
  if (entries.includes('quarkus-app')) return join(dir, 'quarkus-app', 'quarkus-run.jar');
  const runner = entries.find((e) => e.endsWith('-runner.jar'));
  if (!runner) throw new StackError('registry', `no runnable jar in ${dir}; delete the folder to fetch it again`);
  return join(dir, runner);
};

export const createRegistryComponent = (s: StackSettings, p: StackPaths, java: () => JavaRuntime): StackComponent => {
  const dir = p.registryDir;
  const pidFile = p.pidFile('registry');
  const base = `http://${s.host}:${s.ports.registry}`;
  const marker = `-Dstack.registry.dir=${dir}`;
  const tracked = trackedProcess(pidFile, marker, { timeoutMs: 20_000 });
  return {
    name: 'registry',
    ports: [{ setting: 'STACK_REGISTRY_PORT', port: s.ports.registry }],
    address: `${base}/apis/ccompat/v7`,
    logFile: p.logFile('registry'),
    dependsOn: ['postgres'],
    runningPid: tracked.runningPid,
    async prepare() {
      mkdirSync(dir, { recursive: true });
    },
    async start() {
      const password = readPostgresPassword(p);
      if (!password) throw new StackError('registry', `no PostgreSQL password in ${p.pgPasswordProperties}; is postgres prepared?`);
      const args = [
        '-Xms64m',
        `-Xmx${s.heaps.registry}`,
        marker,
        '-Djava.util.logging.manager=org.jboss.logmanager.LogManager',
        `-Dquarkus.http.host=${s.host}`,
        `-Dquarkus.http.port=${s.ports.registry}`,
        // Schemas persist in our PostgreSQL: a compacted topic full of schema ids outlives any restart.
        '-Dapicurio.storage.kind=sql',
        '-Dapicurio.storage.sql.kind=postgresql',
        `-Dapicurio.datasource.url=jdbc:postgresql://${s.host}:${s.ports.postgres}/${REGISTRY_DATABASE}`,
        '-Dapicurio.datasource.username=postgres',
        '-Dapicurio.datasource.jdbc.initial-size=1',
        '-Dapicurio.datasource.jdbc.min-size=1',
        '-Dapicurio.datasource.jdbc.max-size=8',
        '-Dapicurio.rules.global.compatibility=BACKWARD',
        '-jar',
        registryJar(p.apicurioDir),
      ];
      // The password goes through the environment (Quarkus maps APICURIO_DATASOURCE_PASSWORD), never argv.
      return spawnDetached(java().bin, args, {
        cwd: dir,
        logFile: p.logFile('registry'),
        pidFile,
        env: { ...process.env, APICURIO_DATASOURCE_PASSWORD: password },
      });
    },
    async health() {
      const ready = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (!ready.ok) return { ok: false, reason: `/health/ready answered ${ready.status}` };
      const config = await fetch(`${base}/apis/ccompat/v7/config`, { signal: AbortSignal.timeout(2_000) });
      if (!config.ok) return { ok: false, reason: `/apis/ccompat/v7/config answered ${config.status}` };
      const { compatibilityLevel } = (await config.json()) as { compatibilityLevel?: string };
      return { ok: true, detail: `ccompat v7, compatibility ${compatibilityLevel ?? 'unknown'}` };
    },
    async afterHealthy() {
      // 3.0.x applies the start property when checking, but its ccompat GET /config reads only a stored
      // rule (NONE otherwise), and the schema-registry client compares with it: store it once.
      const url = `${base}/apis/ccompat/v7/config`;
      const current = (await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).json()) as { compatibilityLevel?: string };
      if (current.compatibilityLevel === 'BACKWARD') return;
      const res = await fetch(url, {
        method: 'PUT',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ compatibility: 'BACKWARD' }),
        signal: AbortSignal.timeout(5_000),
      });
      if (!res.ok) throw new StackError('registry', `setting global compatibility BACKWARD failed: ${res.status} ${await res.text()}`);
    },
    stop: tracked.stop,
    kill: tracked.kill,
  };
};
