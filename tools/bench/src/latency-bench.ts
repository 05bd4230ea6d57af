import { createSchemaRegistryCodec, readRecords } from '@eap/kafka-io';
import { createTestPipeline, startApp, type TestStack } from '@eap/testing';
import { percentile } from './percentiles.js';

export interface LatencyFigures {
  readonly rate: number;
  readonly seconds: number;
  readonly rows: number;
  readonly received: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Inserts rows at a fixed rate into a pipeline of its own (registrar, connector, enrichment
 * processor, all real) and measures, per row, from its COMMIT returning to its `+I` record being
 * readable by a `read_committed` consumer of the processed topic.
 */
export const runLatencyBench = async ({ stack, rate, seconds, log }: { stack: TestStack; rate: number; seconds: number; log: (line: string) => void }): Promise<LatencyFigures> => {
  const p = await createTestPipeline(stack, 'latency');
  const processor = startApp('enrichment-processor', { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
  const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });
  try {
    await processor.waitForEvent('processor.started');
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
    log(`writing ${rate} rows/s for ${seconds} s into ${p.names.database} ...`);
    const perTick = Math.max(1, Math.round(rate / 100));
    const start = Date.now();
    for (let tick = 0; tick * perTick < total; tick++) {
      const due = start + tick * 10;
      if (due > Date.now()) await sleep(due - Date.now());
      const rows = await p.db
        .insertInto('employee_activities')
        .values(Array.from({ length: perTick }, (_, i) => ({ employee_id: employees[(tick + i) % employees.length]!, activity_type: 'page_view', duration_seconds: 12, activity_timestamp: new Date().toISOString().replace('T', ' ').replace('Z', '') })))
        .returning('id')
        .execute();
      const at = Date.now();
      for (const r of rows) committedAt.set(r.id, at);
    }
    const writeSeconds = (Date.now() - start) / 1000;
    await reading;
    const latencies: number[] = [];
    for (const a of arrivals) {
      const d = await codec.decode(a.value);
      const id = d.kind === 'ok' ? (d.value as { id: number }).id : undefined;
      const committed = id === undefined ? undefined : committedAt.get(id);
      if (committed !== undefined) latencies.push(a.at - committed);
    }
    latencies.sort((x, y) => x - y);
    return { rate: committedAt.size / writeSeconds, seconds: writeSeconds, rows: committedAt.size, received: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies[latencies.length - 1] ?? Number.NaN };
  } finally {
    await processor.kill();
    await p.dispose();
  }
};
