import { join } from 'node:path';
import { createConnectClient } from '@eap/connect-io';
import { createTopicAdmin, readRecords, type TopicAdmin } from '@eap/kafka-io';
import { verifyOptionsFromEnv, verifySummaries } from '@eap/pipeline-ops';
import { createTestPipeline, startApp, type AppProcess, type TestPipeline, type TestStack } from '@eap/testing';
import { commitActivities } from './activity-backlog.js';
import { groupCaughtUp, pollUntil, topicEnd } from './backlog-progress.js';
import type { CaptureFigures, DrainFigures, E2eFigures, PacedFigures } from './e2e-figures.js';
import { rateOf } from './e2e-figures.js';
import { runLatencyBench } from './latency-bench.js';
import { hasCurrentBuild, residentBytes } from './bench-apps.js';
import { cpuBetween, sampleCpu, stackClassifier } from './cpu-accounting.js';
import { availableParallelism } from 'node:os';

export interface E2eBenchOptions {
  readonly stack: TestStack;
  readonly rows: number;
  /** How long each paced run writes. */
  readonly pacedSeconds: number;
  /** Connector settings laid over the registrar's, to measure a tuning (BENCH_CONNECTOR_CONFIG). */
  readonly connectorConfig: Readonly<Record<string, string>>;
  /** When set, each drain runs under `node --cpu-prof` and its profile is summarised. */
  readonly cpuProfileDir?: string;
  /** Which steps run; the capture always does (the others' rates are set from it). */
  readonly steps?: readonly string[];
  readonly log: (line: string) => void;
}

const SHARES = [0.25, 0.5, 0.9] as const;
const APP_ENV = { PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };

/** Lays the tuning over the connector's config and waits until it runs again. */
const tune = async (stack: TestStack, p: TestPipeline, overrides: Readonly<Record<string, string>>): Promise<void> => {
  if (Object.keys(overrides).length === 0) return;
  const connect = createConnectClient({ baseUrl: stack.connection.connectUrl });
  await connect.putConfig(p.names.connector, { ...(await connect.config(p.names.connector)), ...overrides });
  await pollUntil(`${p.names.connector} RUNNING with the tuning`, async () => {
    const s = await connect.status(p.names.connector);
    return s?.connector.state === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');
  });
};

/** Commits rows and waits until Debezium has written them all; a small batch first warms the worker's code paths. */
const capture = async (
  admin: TopicAdmin,
  brokers: readonly string[],
  p: TestPipeline,
  rows: number,
  format: CaptureFigures['format'],
  log: E2eBenchOptions['log'],
) => {
  const warm = Math.max(1_000, Math.round(rows / 20));
  await commitActivities(p.db, warm);
  await pollUntil('the warm-up rows captured', async () => (await topicEnd(admin, p.topics.activities)) >= warm);
  log(`capture ${format}: committing ${rows.toLocaleString('en-US')} rows ...`);
  const classify = stackClassifier({ bench: process.pid });
  const committed = await commitActivities(p.db, rows);
  // pgoutput sends a transaction's changes at its commit: the capture's CPU is from here on.
  const cpuBefore = sampleCpu(classify);
  const done = await pollUntil(`${rows} rows captured`, async () => (await topicEnd(admin, p.topics.activities)) >= warm + rows, { everyMs: 20 });
  const cpu = cpuBetween(cpuBefore, sampleCpu(classify));
  const sample = await readRecords({ brokers, topic: p.topics.activities, until: (rs) => rs.length >= 1_000, timeoutMs: 30_000 });
  const values = sample.filter((r) => r.value !== null);
  const figures: CaptureFigures = {
    format,
    rows,
    seconds: (done - committed) / 1000,
    valueBytes: values.reduce((n, r) => n + r.value!.byteLength, 0) / Math.max(1, values.length),
    cpu,
  };
  log(`capture ${format}: ${figures.seconds.toFixed(2)} s, ${Math.round(rateOf(figures))} events/s`);
  return { figures, backlog: warm + rows };
};

/**
 * Starts an app on a backlog and times it from the moment it has its partitions to its last commit
 * over the whole backlog. (From its first commit would leave out the first batch, which on a backlog
 * is a large share of it: the processor fetches up to PROCESSOR_FETCH_BYTES, 8 MiB, per partition.)
 */
const drain = async (
  admin: TopicAdmin,
  p: TestPipeline,
  app: DrainFigures['app'],
  format: DrainFigures['format'],
  records: number,
  { log, cpuProfileDir }: Pick<E2eBenchOptions, 'log' | 'cpuProfileDir'>,
): Promise<DrainFigures> => {
  const [group, input, markers] =
    app === 'enrichment-processor'
      ? ([`${p.names.topicPrefix}-enrichment-processor`, p.topics.activities, 0] as const)
      : ([`${p.names.topicPrefix}-summary-aggregator`, p.names.processedTopic, 1] as const);
  const spawned = Date.now();
  // A folder per drain: tsx's module hooks run on a thread of their own, which writes a profile too.
  const profileDir = cpuProfileDir ? join(cpuProfileDir, `${app}-${format}-${Date.now()}`) : undefined;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = startApp(app, { ...p.env, ...APP_ENV }, [], { nodeArgs, compiled: hasCurrentBuild(app) });
  const exited = child.exited.then((code) => {
    throw new Error(`${app} exited (${code}) during its drain; last lines:\n${child.lines.slice(-10).join('\n')}`);
  });
  exited.catch(() => undefined);
  try {
    // Its start is over when the group hands it its partitions (the processor has read the employees by then).
    const assigned = Date.parse((await Promise.race([exited, child.waitForEvent('eos.assigned', 180_000)]))['time'] as string);
    const classify = stackClassifier({ [app]: child.child.pid, bench: process.pid });
    const cpuBefore = sampleCpu(classify);
    const last = await Promise.race([exited, pollUntil(`${app} through its backlog`, () => groupCaughtUp(admin, group, input, markers), { everyMs: 20 })]);
    const cpu = cpuBetween(cpuBefore, sampleCpu(classify));
    const figures: DrainFigures = { app, format, records, seconds: (last - assigned) / 1000, startSeconds: (assigned - spawned) / 1000, cpu };
    log(`drain ${app} (${format}): ${figures.seconds.toFixed(2)} s, ${Math.round(rateOf(figures))} records/s`);
    return profileDir ? { ...figures, profile: profileDir } : figures;
  } finally {
    await child.kill();
  }
};

const started = async (app: AppProcess, event: string) => void (await app.waitForEvent(event));

/** The same rows, one transaction, with the processors running: commit -> every row in a committed summary. */
const live = async (stack: TestStack, admin: TopicAdmin, rows: number, overrides: E2eBenchOptions['connectorConfig'], log: E2eBenchOptions['log']) => {
  const p = await createTestPipeline(stack, 'e2e_live');
  const processor = startApp('enrichment-processor', { ...p.env, ...APP_ENV }, [], { compiled: hasCurrentBuild('enrichment-processor') });
  const aggregator = startApp('summary-aggregator', { ...p.env, ...APP_ENV }, [], { compiled: hasCurrentBuild('summary-aggregator') });
  const caughtUp = async (total: number) =>
    (await topicEnd(admin, p.topics.activities)) >= total &&
    (await groupCaughtUp(admin, `${p.names.topicPrefix}-enrichment-processor`, p.topics.activities, 0)) &&
    (await groupCaughtUp(admin, `${p.names.topicPrefix}-summary-aggregator`, p.names.processedTopic, 1));
  try {
    await tune(stack, p, overrides);
    await Promise.all([started(processor, 'processor.started'), started(aggregator, 'aggregator.started')]);
    const warm = Math.max(1_000, Math.round(rows / 20));
    await commitActivities(p.db, warm);
    await pollUntil('the warm-up rows summarised', () => caughtUp(warm));
    log(`live: committing ${rows.toLocaleString('en-US')} rows with everything running ...`);
    const classify = stackClassifier({ processor: processor.child.pid, aggregator: aggregator.child.pid, bench: process.pid });
    const committed = await commitActivities(p.db, rows);
    const cpuBefore = sampleCpu(classify);
    const done = await pollUntil(`${rows} rows summarised`, () => caughtUp(warm + rows), { everyMs: 20 });
    const cpu = cpuBetween(cpuBefore, sampleCpu(classify));
    const rss = { processor: residentBytes(processor.child.pid), aggregator: residentBytes(aggregator.child.pid) };
    const verified = (await verifySummaries(verifyOptionsFromEnv(p.env, p.db))).ok;
    log(`live: ${((done - committed) / 1000).toFixed(2)} s, verify ${verified ? 'ok' : 'FAILED'}`);
    return { rows, seconds: (done - committed) / 1000, verified, rss, cpu };
  } finally {
    await processor.kill();
    await aggregator.kill();
    await p.dispose();
  }
};

/**
 * The chain on what Debezium really writes: capture of N rows in each format (processors stopped),
 * each processor draining that backlog, the same N rows live, and paced runs for latency.
 */
export const runE2eBench = async ({
  stack,
  rows,
  pacedSeconds,
  connectorConfig,
  cpuProfileDir,
  steps = ['capture', 'drain', 'live', 'paced'],
  log,
}: E2eBenchOptions): Promise<E2eFigures> => {
  const captures: CaptureFigures[] = [];
  const drains: DrainFigures[] = [];
  // An admin client per pipeline: one that knew a deleted pipeline's topics keeps asking for them.
  const withAdmin = async <T>(body: (admin: TopicAdmin) => Promise<T>): Promise<T> => {
    const admin = await createTopicAdmin({ brokers: stack.connection.kafkaBrokers });
    try {
      return await body(admin);
    } finally {
      await admin.close();
    }
  };
  const builds = ['enrichment-processor', 'summary-aggregator'].map(
    (app) => `${app} ${hasCurrentBuild(app) ? 'from its production build' : 'from sources through tsx (npm run build for production figures)'}`,
  );
  log(`apps run: ${builds.join(', ')}`);
  for (const format of ['json', 'avro'] as const) {
    const p = await createTestPipeline(stack, `e2e_${format}`, { env: { CONNECTOR_FORMAT: format } });
    await withAdmin(async (admin) => {
      await tune(stack, p, connectorConfig);
      const { figures, backlog } = await capture(admin, stack.connection.kafkaBrokers, p, rows, format, log);
      captures.push(figures);
      if (!steps.includes('drain')) return;
      drains.push(await drain(admin, p, 'enrichment-processor', format, backlog, { log, cpuProfileDir }));
      if (format === 'avro') drains.push(await drain(admin, p, 'summary-aggregator', format, backlog, { log, cpuProfileDir }));
    }).finally(() => p.dispose());
  }
  const liveFigures = steps.includes('live')
    ? await withAdmin((admin) => live(stack, admin, rows, connectorConfig, log))
    : { rows: 0, seconds: Number.NaN, verified: false, rss: { processor: Number.NaN, aggregator: Number.NaN } };
  const captureRate = rateOf(captures.find((c) => c.format === 'avro')!);
  const paced: PacedFigures[] = [];
  for (const share of steps.includes('paced') ? SHARES : []) {
    log(`paced: ${Math.round(share * 100)} % of ${Math.round(captureRate)} rows/s for ${pacedSeconds} s ...`);
    const l = await runLatencyBench({ stack, rate: share * captureRate, seconds: pacedSeconds, log, tune: (p) => tune(stack, p, connectorConfig) });
    paced.push({
      share,
      rate: l.rate,
      rows: l.rows,
      enriched: { p50: l.p50, p99: l.p99, max: l.max },
      inProcessor: l.inProcessor,
      captured: l.captured,
      seconds: l.seconds,
      cpu: l.cpu,
      summary: { p50: l.summary.p50, p99: l.summary.p99, max: l.summary.max },
      verified: l.verify.ok,
    });
  }
  return { capture: captures, drains, live: liveFigures, paced, cores: availableParallelism() };
};
