import { createSchemaRegistryCodec, createTopicAdmin, readRecords } from '@eap/kafka-io';
import { verifyOptionsFromEnv, verifySummaries } from '@eap/pipeline-ops';
import { createTestPipeline, startApp, type TestPipeline, type TestStack } from '@eap/testing';
import { latencySummary } from './percentiles.js';
import { hasCurrentBuild } from './bench-apps.js';
import { groupCaughtUp, pollUntil } from './backlog-progress.js';
import { cpuBetween, sampleCpu, stackClassifier, type CpuUse } from './cpu-accounting.js';

export interface LatencyFigures {
  readonly rate: number;
  readonly seconds: number;
  readonly rows: number;
  readonly received: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /**
   * Commit -> the processor enriching the row (its `processed_at`, same machine clock): the capture,
   * the source topic and the processor's fetch; the rest of commit -> enriched is the processor's
   * transaction and the reader seeing it.
   */
  readonly inProcessor: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Commit -> Connect handing the change event to its producer (the source record's timestamp): Debezium's share. */
  readonly captured: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Commit -> the first summary record of the row's group whose count includes the row. */
  readonly summary: { readonly received: number; readonly p50: number; readonly p99: number; readonly max: number };
  /** CPU seconds each component used while the rows were written. */
  readonly cpu: readonly CpuUse[];
  /** `verify` over the bench's pipeline once it is quiet. */
  readonly verify: { readonly ok: boolean; readonly matched: number; readonly differences: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Inserts rows at a fixed rate into a pipeline of its own (registrar, connector, enrichment
 * processor, all real) and measures, per row, from its COMMIT returning to its `+I` record being
 * readable by a `read_committed` consumer of the processed topic.
 */
export const runLatencyBench = async ({
  stack,
  rate,
  seconds,
  log,
  tune,
}: {
  stack: TestStack;
  rate: number;
  seconds: number;
  log: (line: string) => void;
  /** Runs on the new pipeline before its apps start (a connector tuning under test). */
  tune?: (p: TestPipeline) => Promise<void>;
}): Promise<LatencyFigures> => {
  const p = await createTestPipeline(stack, 'latency');
  await tune?.(p);
  const processor = startApp('enrichment-processor', { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' }, [], {
    compiled: hasCurrentBuild('enrichment-processor'),
  });
  const aggregator = startApp('summary-aggregator', { ...p.env, AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' }, [], {
    compiled: hasCurrentBuild('summary-aggregator'),
  });
  const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });
  try {
    await processor.waitForEvent('processor.started');
    await aggregator.waitForEvent('aggregator.started');
    const employees = (await p.db.selectFrom('employees').select('id').limit(50).execute()).map((e) => e.id);
    const committedAt = new Map<number, number>();
    const arrivals: { at: number; value: Buffer }[] = [];
    let seen = 0;
    const total = rate * seconds;
    const reading = readRecords({
      brokers: stack.connection.kafkaBrokers,
      topic: p.names.processedTopic,
      timeoutMs: (seconds + 60) * 1000,
      until: (records) => {
        const now = Date.now();
        for (; seen < records.length; seen++) arrivals.push({ at: now, value: records[seen]!.value! });
        return records.length >= total;
      },
    });
    // The source records' keys and timestamps (Connect's producer stamps each when it is sent).
    const sourceStamps: { key: Buffer; at: number }[] = [];
    const sourceReading = readRecords({
      brokers: stack.connection.kafkaBrokers,
      topic: p.topics.activities,
      timeoutMs: (seconds + 60) * 1000,
      until: (records) => {
        for (const r of records.slice(sourceStamps.length)) sourceStamps.push({ key: r.key ?? Buffer.alloc(0), at: r.timestamp });
        return records.length >= total;
      },
    });
    // Every summary record with its arrival time; read until the aggregator has caught up with every row.
    const summaryArrivals: { at: number; key: string; value: Buffer | null }[] = [];
    const summariesRead = new AbortController();
    const summaryReading = readRecords({
      brokers: stack.connection.kafkaBrokers,
      topic: p.names.summariesTopic,
      timeoutMs: (seconds + 900) * 1000,
      signal: summariesRead.signal,
      until: (records) => {
        const now = Date.now();
        for (let i = summaryArrivals.length; i < records.length; i++)
          summaryArrivals.push({ at: now, key: records[i]!.key!.toString(), value: records[i]!.value });
        return false;
      },
    });
    const groupRows = new Map<string, number[]>();
    log(`writing ${Math.round(rate)} rows/s for ${seconds} s into ${p.names.database} ...`);
    // One INSERT per tick: every 10 ms up to 2,000 rows/s, every 50 ms above (a 10 ms tick cannot keep
    // up with many thousands of rows a second on a loaded 2-core machine).
    const tickMs = rate > 2_000 ? 50 : 10;
    const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
    const classify = stackClassifier({ processor: processor.child.pid, aggregator: aggregator.child.pid, bench: process.pid });
    const cpuBefore = sampleCpu(classify);
    const start = Date.now();
    for (let tick = 0; tick * perTick < total; tick++) {
      const due = start + tick * tickMs;
      if (due > Date.now()) await sleep(due - Date.now());
      const stamp = Date.now();
      const rows = await p.db
        .insertInto('employee_activities')
        .values(
          Array.from({ length: perTick }, (_, i) => ({
            employee_id: employees[(tick + i) % employees.length]!,
            activity_type: 'page_view',
            duration_seconds: 12,
            activity_timestamp: new Date(stamp).toISOString().replace('T', ' ').replace('Z', ''),
          })),
        )
        .returning('id')
        .execute();
      const at = Date.now();
      for (const r of rows) committedAt.set(r.id, at);
      rows.forEach((_, i) => {
        const key = `${employees[(tick + i) % employees.length]}|page_view|${new Date(Math.floor(stamp / 3_600_000) * 3_600_000).toISOString()}`;
        const times = groupRows.get(key);
        if (times) times.push(at);
        else groupRows.set(key, [at]);
      });
    }
    const writeSeconds = (Date.now() - start) / 1000;
    const cpu = cpuBetween(cpuBefore, sampleCpu(classify));
    await reading;
    // Every row is enriched; the summaries are done once the aggregator has committed past them all
    // (its offsets and its summaries go in one transaction), and the reader has had a fetch to see them.
    const admin = await createTopicAdmin({ brokers: stack.connection.kafkaBrokers });
    try {
      await pollUntil('the aggregator through every row', () => groupCaughtUp(admin, `${p.names.topicPrefix}-summary-aggregator`, p.names.processedTopic, 1), {
        everyMs: 200,
      });
    } finally {
      await admin.close();
    }
    await sleep(1_000);
    summariesRead.abort();
    const latencies: number[] = [];
    const toProcessor: number[] = [];
    for (const a of arrivals) {
      const d = await codec.decode(a.value);
      const row = d.kind === 'ok' ? (d.value as { id: number; processed_at: number }) : undefined;
      const committed = row === undefined ? undefined : committedAt.get(row.id);
      if (row === undefined || committed === undefined) continue;
      latencies.push(a.at - committed);
      toProcessor.push(Number(row.processed_at) - committed);
    }
    await sourceReading;
    const toTopic: number[] = [];
    for (const s of sourceStamps) {
      const d = s.key.length > 0 ? await codec.decode(s.key) : undefined;
      const committed = d?.kind === 'ok' ? committedAt.get((d.value as { id: number }).id) : undefined;
      if (committed !== undefined) toTopic.push(s.at - committed);
    }
    await summaryReading;
    // A group's record with activity_count n is the first to include its n-th row.
    const summaryLatencies: number[] = [];
    const seenCount = new Map<string, number>();
    for (const a of summaryArrivals) {
      if (a.value === null) continue;
      const d = await codec.decode(a.value);
      const count = d.kind === 'ok' ? Number((d.value as { activity_count: number }).activity_count) : 0;
      const rowsOfGroup = groupRows.get(a.key) ?? [];
      for (let n = seenCount.get(a.key) ?? 0; n < Math.min(count, rowsOfGroup.length); n++) summaryLatencies.push(a.at - rowsOfGroup[n]!);
      seenCount.set(a.key, Math.max(seenCount.get(a.key) ?? 0, count));
    }
    const summary = { received: summaryLatencies.length, ...latencySummary(summaryLatencies) };
    const v = await verifySummaries(verifyOptionsFromEnv(p.env, p.db));
    const verify = { ok: v.ok, matched: v.report.matched, differences: v.report.mismatched.length + v.report.missing.length + v.report.extra.length };
    return {
      verify,
      summary,
      cpu,
      inProcessor: latencySummary(toProcessor),
      captured: latencySummary(toTopic),
      rate: committedAt.size / writeSeconds,
      seconds: writeSeconds,
      rows: committedAt.size,
      received: latencies.length,
      ...latencySummary(latencies),
    };
  } finally {
    await processor.kill();
    await aggregator.kill();
    await p.dispose();
  }
};
