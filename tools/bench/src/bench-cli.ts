import { createStackController, findRepoRoot, parseStackSettings } from '@eap/stack';
import { migrateStreamingDb } from '@eap/pg-io';
import { embeddedTestStack } from '@eap/testing';
import type { Env, ProgramSpec } from '@eap/pipeline-config';
import { benchSettings } from './bench-settings.js';
import { acceptCommandLine } from '@eap/service-runtime';
import { benchEnv, startBenchApp } from './bench-apps.js';
import { runRestoreBench } from './restore-bench.js';
import { runSimulatorBench } from './simulator-bench.js';
import { runLatencyBench } from './latency-bench.js';
import { runThroughputBench } from './throughput-bench.js';
import { runE2eBench } from './e2e-bench.js';
import { e2eReportText } from './e2e-report-text.js';
import { cpuProfileText } from './cpu-profile-text.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

const parseConnectorConfig = (text: string): Readonly<Record<string, string>> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`BENCH_CONNECTOR_CONFIG: not JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string'))
    throw new Error('BENCH_CONNECTOR_CONFIG: must be a JSON object of strings, e.g. {"max.batch.size":"4096"}');
  return parsed as Record<string, string>;
};

const benchSettingsFromEnv = (env: Env) => benchSettings(env);

const benchProgram = (root: string): ProgramSpec => ({
  invocation: 'npm run bench --',
  summary: [
    'Benchmarks on the embedded stack (brought up if down), printing figures with their goals:',
    '  throughput  each processor against plain and transactional passthroughs, BENCH_EVENTS events',
    '  latency     commit in PostgreSQL -> enriched and -> summary, BENCH_RATE rows/s for BENCH_SECONDS',
    '  restore     the aggregator restoring its window state from the changelog',
    "  simulator   the activity simulator's write rate",
    '  e2e         the chain on real Debezium output: capture rate per format, drain rates, live rate and',
    '              latency at 25/50/90 % of the capture rate, ratios beside their goals',
    'Pick parts as the argument (npm run bench -- e2e) or with BENCH_PARTS=throughput,latency.',
    'Progress goes to stderr, figures to stdout.',
  ].join('\n'),
  main: { help: 'runs the parts named (default: all)', args: [{ name: '[parts]', optional: true }] },
  settingsReaders: [benchSettingsFromEnv, (env) => parseStackSettings(env, root)],
});

const main = async () => {
  const root = findRepoRoot();
  const { positionals } = acceptCommandLine(process.argv.slice(2), benchProgram(root));
  const settings = benchSettingsFromEnv(positionals[0] ? { ...process.env, BENCH_PARTS: positionals[0] } : process.env);
  const { events, rate, seconds, keys, simulatorSeconds, parts, rows: e2eRows, pacedSeconds, cpuProfileDir, e2eSteps } = settings;
  const connectorConfig = parseConnectorConfig(settings.connectorConfig);
  const rows = await createStackController(parseStackSettings(process.env, root), { log }).up();
  if (rows.some((r) => r.state === 'failed' || r.state === 'skipped')) throw new Error('the stack did not come up; see npm run stack -- status');
  const stack = embeddedTestStack();
  // the processor looks employees up in streaming_db: on a fresh stack nothing has migrated it yet
  await migrateStreamingDb(stack.pg('streaming_db'));

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  if (parts.includes('throughput')) {
    const t = await runThroughputBench({
      brokers: stack.connection.kafkaBrokers,
      repoRoot: root,
      events,
      log,
      startProcessor: (prefix) =>
        startBenchApp(
          'enrichment-processor',
          { ...benchEnv(stack, prefix), PROCESSOR_GROUP_ID: `${prefix}-processor` },
          'processor.started',
          'enrichment_records_out_total',
        ),
      startAggregator: (prefix) => startBenchApp('summary-aggregator', benchEnv(stack, prefix), 'aggregator.started', 'aggregator_records_in_total'),
    });
    process.stdout.write(
      [
        `throughput, ${fmt(t.events)} real-shaped Debezium events (${(t.bytes / 1e6).toFixed(0)} MB, JSON with schema), one input partition:`,
        `  (a) plain consume-then-produce:            ${fmt(t.plain)} records/s`,
        `  (b) the same in per-batch transactions:    ${fmt(t.transactional)} records/s`,
        `  (c) enrichment processor (exactly once):   ${fmt(t.processor)} records/s`,
        `  (d) summary aggregator (exactly once):     ${fmt(t.aggregator)} records/s (its input: the processor's ${fmt(t.events)} output records)`,
        `  c/b = ${(t.processor / t.transactional).toFixed(2)} (goal >= 0.8), b/a = ${(t.transactional / t.plain).toFixed(2)} (goal >= 0.8), d/c = ${(t.aggregator / t.processor).toFixed(2)} (goal >= 1.0)`,
        '',
      ].join('\n'),
    );
  }
  if (parts.includes('latency')) {
    const l = await runLatencyBench({ stack, rate, seconds, log });
    process.stdout.write(
      [
        `latency, commit in PostgreSQL -> enriched record readable (read_committed), ${fmt(l.rows)} rows at ${fmt(l.rate)} rows/s for ${l.seconds.toFixed(0)} s:`,
        `  p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms, max ${fmt(l.max)} ms (${fmt(l.received)} of ${fmt(l.rows)} received; goal p99 < 500 ms)`,
        `latency, commit in PostgreSQL -> summary including the row readable (read_committed), same rows:`,
        `  p50 ${fmt(l.summary.p50)} ms, p99 ${fmt(l.summary.p99)} ms, max ${fmt(l.summary.max)} ms (${fmt(l.summary.received)} of ${fmt(l.rows)} rows seen in a summary; goal p99 < 1,000 ms)`,
        `  verify after the run: ${l.verify.ok ? '✓' : '✗'} ${fmt(l.verify.matched)} groups matched, ${fmt(l.verify.differences)} differences`,
        '',
      ].join('\n'),
    );
  }
  if (parts.includes('restore')) {
    const r = await runRestoreBench({ stack, keys, log, ...(cpuProfileDir ? { cpuProfileDir } : {}) });
    process.stdout.write(
      [
        `summary aggregator state, ${fmt(r.keys)} live keys (one record per group, ${r.partitions} partitions):`,
        `  memory ${fmt(r.bytesPerKey)} bytes per live key (heap + array buffers, ${fmt(r.memoryBytes / 1e6)} MB over the idle baseline)`,
        `  resident memory (RSS) ${fmt(r.rss.idle / 1e6)} MB idle, ${fmt(r.rss.loaded / 1e6)} MB with ${fmt(r.keys)} keys, ${fmt(r.rss.restored / 1e6)} MB after restoring them`,
        `  restart after SIGKILL: changelog restore ${r.restoreSeconds.toFixed(1)} s (${fmt(r.changelogRecords)} records), process start to first commit ${r.restartSeconds.toFixed(1)} s`,
        '',
      ].join('\n'),
    );
    if (r.profile) process.stdout.write(`${cpuProfileText('summary-aggregator restarting on its changelog', r.profile)}\n`);
  }
  if (parts.includes('e2e')) {
    const figures = await runE2eBench({
      stack,
      rows: e2eRows,
      pacedSeconds,
      connectorConfig,
      log,
      steps: e2eSteps,
      ...(cpuProfileDir ? { cpuProfileDir } : {}),
    });
    if (Object.keys(connectorConfig).length > 0) process.stdout.write(`connector settings laid over the registrar's: ${JSON.stringify(connectorConfig)}\n`);
    process.stdout.write(`${e2eReportText(figures)}\n`);
    for (const d of figures.drains) if (d.profile) process.stdout.write(`${cpuProfileText(`${d.app} on the ${d.format} backlog`, d.profile)}\n`);
  }
  if (parts.includes('simulator')) {
    const runs = await runSimulatorBench({ stack, targets: [1_000, 5_000], seconds: simulatorSeconds, log });
    process.stdout.write(
      [
        'activity simulator into the embedded PostgreSQL (default mix insert=80,update=15,delete=5, batches of a tenth of a second):',
        ...runs.map(
          (r) =>
            `  target ${fmt(r.target)} rows/s: achieved ${fmt(r.achieved)} rows/s (${fmt(r.rows)} rows in ${fmt(r.transactions)} transactions, ${fmt(r.errors)} errors)`,
        ),
        '',
      ].join('\n'),
    );
  }
};

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`✗ bench: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
