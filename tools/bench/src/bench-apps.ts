import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DEFAULT_PIPELINE_NAMES, pipelineNamesEnv } from '@eap/pipeline-config';
import { findRepoRoot } from '@eap/stack';
import { startApp, type TestStack } from '@eap/testing';
import type { BenchApp } from './throughput-bench.js';

/** A metric's value summed over its label sets, from an app's /metrics page. */
export const metricSum = async (healthUrl: string, name: string): Promise<number> => {
  const text = await (await fetch(healthUrl.replace('/healthz', '/metrics'))).text();
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
};

/** The settings that put an app on the bench's own topics under `prefix`. */
export const benchEnv = (stack: TestStack, prefix: string): Record<string, string> => ({
  ...stack.appEnv,
  ...pipelineNamesEnv({
    ...DEFAULT_PIPELINE_NAMES,
    topicPrefix: prefix,
    processedTopic: `${prefix}-processed`,
    summariesTopic: `${prefix}-summaries`,
    summariesChangelogTopic: `${prefix}-summaries-changelog`,
    dlqTopic: `${prefix}-dlq`,
  }),
  PROCESSOR_HEALTH_PORT: '0',
  AGGREGATOR_HEALTH_PORT: '0',
  LOG_LEVEL: 'info',
});

/** Starts an app, waits until it consumes, and counts `metric` (records out or in) from its /metrics. */
export const startBenchApp = async (
  app: string,
  env: Record<string, string>,
  startedEvent: string,
  metric: string,
): Promise<BenchApp & { health: string; lines: readonly string[] }> => {
  const child = startApp(app, env);
  const health = (await child.waitForEvent(startedEvent))['health'] as string;
  const startedAt = Date.parse((await child.waitForEvent('eos.assigned'))['time'] as string);
  return { startedAt, health, lines: child.lines, count: () => metricSum(health, metric), stop: async () => void (await child.kill('SIGTERM')) };
};

/** Whether an app's production build (npm run build) is current, so that it runs as `npm start` runs it. */
export const hasCurrentBuild = (app: string): boolean =>
  execFileSync('node', ['tools/scripts/app-entry.mjs', app], { cwd: findRepoRoot(), encoding: 'utf8' }).startsWith('node ');

/** A process's resident memory in bytes (Linux: VmRSS of /proc/<pid>/status); NaN where there is none. */
export const residentBytes = (pid: number | undefined): number => {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) * 1024;
  } catch {
    return Number.NaN;
  }
};
