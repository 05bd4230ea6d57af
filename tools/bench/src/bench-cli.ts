import { createStackController, findRepoRoot, parseStackSettings } from '@eap/stack';
import { embeddedTestStack, startApp } from '@eap/testing';
import { runLatencyBench } from './latency-bench.js';
import { runThroughputBench } from './throughput-bench.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number, got "${process.env[name]}"`);
  return v;
};

const main = async () => {
  const events = num('BENCH_EVENTS', 200_000);
  const rate = num('BENCH_RATE', 1_000);
  const seconds = num('BENCH_SECONDS', 30);
  const root = findRepoRoot();
  const rows = await createStackController(parseStackSettings(process.env, root), { log }).up();
  if (rows.some((r) => r.state === 'failed' || r.state === 'skipped')) throw new Error('the stack did not come up; see npm run stack -- status');
  const stack = embeddedTestStack();

  const t = await runThroughputBench({
    brokers: stack.connection.kafkaBrokers,
    repoRoot: root,
    events,
    log,
    startProcessor: async (prefix) => {
      const app = startApp('enrichment-processor', {
        ...stack.appEnv,
        PIPELINE_TOPIC_PREFIX: prefix,
        PIPELINE_DATABASE: 'streaming_db',
        PIPELINE_PROCESSED_TOPIC: `${prefix}-processed`,
        PIPELINE_DLQ_TOPIC: `${prefix}-dlq`,
        PROCESSOR_GROUP_ID: `${prefix}-processor`,
        PROCESSOR_HEALTH_PORT: '0',
        LOG_LEVEL: 'info',
      });
      const health = (await app.waitForEvent('processor.started'))['health'] as string;
      const startedAt = Date.parse((await app.waitForEvent('eos.assigned'))['time'] as string);
      return {
        startedAt,
        recordsOut: async () => {
          const text = await (await fetch(health.replace('/healthz', '/metrics'))).text();
          return [...text.matchAll(/^enrichment_records_out_total\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
        },
        stop: async () => void (await app.kill()),
      };
    },
  });
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  process.stdout.write(
    [
      `throughput, ${fmt(t.events)} real-shaped Debezium events (${(t.bytes / 1e6).toFixed(0)} MB, JSON with schema), one input partition:`,
      `  (a) plain consume-then-produce:            ${fmt(t.plain)} records/s`,
      `  (b) the same in per-batch transactions:    ${fmt(t.transactional)} records/s`,
      `  (c) enrichment processor (exactly once):   ${fmt(t.processor)} records/s`,
      `  c/b = ${(t.processor / t.transactional).toFixed(2)} (goal >= 0.8), b/a = ${(t.transactional / t.plain).toFixed(2)} (goal >= 0.8)`,
      '',
    ].join('\n'),
  );
  const l = await runLatencyBench({ stack, rate, seconds, log });
  process.stdout.write(
    [
      `latency, commit in PostgreSQL -> enriched record readable (read_committed), ${fmt(l.rows)} rows at ${fmt(l.rate)} rows/s for ${l.seconds.toFixed(0)} s:`,
      `  p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms, max ${fmt(l.max)} ms (${fmt(l.received)} of ${fmt(l.rows)} received; goal p99 < 500 ms)`,
      '',
    ].join('\n'),
  );
};

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`✗ bench: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
