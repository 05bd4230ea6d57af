/**
 * The exactness invariant of SPEC section 6, proved through the real pipeline logic: random
 * changes to employee_activities become Debezium events (JSON with or without schema), are
 * decoded, filtered for re-deliveries per input partition, enriched into changelog records keyed
 * by employee, spread over output partitions, interleaved, and aggregated. The summaries must
 * equal SQL's GROUP BY over the final table.
 */
import type { ChangeEvent, RowImage, SnapshotMarker } from '@eap/debezium-envelope';
import { createRedeliveryFilter, decodeJsonEnvelope, encodeJsonEnvelope } from '@eap/debezium-envelope';
import type { ProcessedRecord } from '@eap/enrichment-rules';
import { activityColumns, createActivityEnricher } from '@eap/enrichment-rules';
import * as fc from 'fast-check';
import type { ActivitySummary } from './activity-summary.js';
import { summaryKey } from './activity-summary.js';
import type { WindowAggregator } from './window-aggregator.js';
import { createWindowAggregator, restoreFromChangelog, restoreWindowAggregator } from './window-aggregator.js';
import type { WindowOutput } from './window-output.js';
import { defaultWindowingConfig } from './windowing-config.js';

const SEED = 20_240_115;
const HOUR = 3_600_000_000;
const BASE = Date.parse('2024-01-15T08:00:00Z') * 1000;
const INPUT_PARTITIONS = 3;
const OUTPUT_PARTITIONS = 3;

// ---------------------------------------------------------------- the workload

interface Row {
  readonly employee_id: number | null;
  readonly activity_type: string;
  readonly duration_seconds: number | null;
  readonly activity_timestamp: number | null;
}

type Operation =
  | { readonly kind: 'insert'; readonly row: Row }
  | { readonly kind: 'update'; readonly pick: number; readonly patch: Partial<Row> }
  | { readonly kind: 'delete'; readonly pick: number }
  | { readonly kind: 'truncate' };

const employee = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constant(null) });
const activityType = fc.constantFrom('login', 'click', 'page_view');
const duration = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 600 }) }, { weight: 1, arbitrary: fc.constant(null) });
/** Two days of wall-clock time with microseconds, some exactly on the hour; now and then NULL. */
const timestamp = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 48 * HOUR - 1 }).map((t) => BASE + t) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 47 }).map((h) => BASE + h * HOUR) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const rowFields = { employee_id: employee, activity_type: activityType, duration_seconds: duration, activity_timestamp: timestamp };
const row: fc.Arbitrary<Row> = fc.record(rowFields);

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: row.map((r) => ({ kind: 'insert' as const, row: r })) },
  {
    weight: 4,
    arbitrary: fc
      .record({ pick: fc.nat(), patch: fc.record(rowFields, { requiredKeys: [] }) })
      .map(({ pick, patch }) => ({ kind: 'update' as const, pick, patch })),
  },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'delete' as const, pick })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'truncate' as const }) },
);

// ---------------------------------------------------------------- the database and Debezium

/** A Debezium event as it travels: its input partition, and the JSON form the connector writes. */
interface Delivery {
  readonly partition: number;
  readonly event: ChangeEvent;
}

const imageOf = (id: number, r: Row): RowImage => ({
  id,
  employee_id: r.employee_id,
  activity_type: r.activity_type,
  page_url: '/dashboard',
  duration_seconds: r.duration_seconds,
  ip_address: id % 2 === 0 ? '10.0.0.7' : '2001:db8::1',
  user_agent: 'Mozilla/5.0',
  activity_timestamp: r.activity_timestamp,
});

const eventOf = (
  op: ChangeEvent['op'],
  before: RowImage | null,
  after: RowImage | null,
  commitLsn: bigint | null,
  eventLsn: bigint,
  snapshot: SnapshotMarker = 'false',
): ChangeEvent =>
  ({
    op,
    before,
    after,
    source: {
      version: '3.4.3.Final',
      connector: 'postgresql',
      name: 'employee-server',
      ts_ms: 1705305600000,
      snapshot,
      db: 'streaming_db',
      sequence: JSON.stringify([commitLsn === null ? null : String(commitLsn), String(eventLsn)]),
      ts_us: 1705305600000000,
      ts_ns: null,
      schema: 'public',
      table: 'employee_activities',
      txId: Number(eventLsn),
      lsn: Number(eventLsn),
      xmin: null,
    },
    transaction: null,
    ts_ms: 1705305600100,
    ts_us: null,
    ts_ns: null,
    position: { commitLsn, eventLsn },
    columns: null,
  }) as ChangeEvent;

/** Runs the workload against a model table; returns the final table and the WAL as Debezium emits it. */
const capture = (initial: readonly Row[], operations: readonly Operation[], transactionSizes: readonly number[]) => {
  const table = new Map<number, Row>();
  const wal: Delivery[] = [];
  let nextId = 1;
  const snapshotLsn = 1_000n;
  initial.forEach((r, i) => {
    const id = nextId++;
    table.set(id, r);
    const marker: SnapshotMarker = i === 0 ? 'first' : i === initial.length - 1 ? 'last' : 'true';
    wal.push({ partition: id % INPUT_PARTITIONS, event: eventOf('r', null, imageOf(id, r), null, snapshotLsn, marker) });
  });
  let lsn = 2_000n;
  let lastCommit: bigint | null = null;
  let inTransaction = 0;
  let transaction = 0;
  for (const operation of operations) {
    lsn += 8n;
    const ids = [...table.keys()];
    switch (operation.kind) {
      case 'insert': {
        const id = nextId++;
        table.set(id, operation.row);
        wal.push({ partition: id % INPUT_PARTITIONS, event: eventOf('c', null, imageOf(id, operation.row), lastCommit, lsn) });
        break;
      }
      case 'update': {
        if (ids.length === 0) break;
        const id = ids[operation.pick % ids.length] as number;
        const before = table.get(id) as Row;
        const after = { ...before, ...operation.patch };
        table.set(id, after);
        wal.push({ partition: id % INPUT_PARTITIONS, event: eventOf('u', imageOf(id, before), imageOf(id, after), lastCommit, lsn) });
        break;
      }
      case 'delete': {
        if (ids.length === 0) break;
        const id = ids[operation.pick % ids.length] as number;
        wal.push({ partition: id % INPUT_PARTITIONS, event: eventOf('d', imageOf(id, table.get(id) as Row), null, lastCommit, lsn) });
        table.delete(id);
        break;
      }
      case 'truncate':
        table.clear();
        wal.push({ partition: 0, event: eventOf('t', null, null, lastCommit, lsn) });
        break;
    }
    if (++inTransaction >= (transactionSizes[transaction % transactionSizes.length] ?? 1)) {
      lastCommit = lsn + 4n; // the commit record's end: the next transaction's events carry it
      inTransaction = 0;
      transaction++;
    }
  }
  return { table, wal };
};

// ---------------------------------------------------------------- the processors

/** Merges queues, each kept in order, taking turns as `choices` say. */
const interleave = <T>(queues: readonly (readonly T[])[], choices: readonly number[]): T[] => {
  const rest = queues.map((q) => [...q]);
  const out: T[] = [];
  for (let step = 0; rest.some((q) => q.length > 0); step++) {
    const live = rest.filter((q) => q.length > 0);
    out.push((live[(choices[step % Math.max(choices.length, 1)] ?? 0) % live.length] as T[]).shift() as T);
  }
  return out;
};

/**
 * Debezium re-sends, after a restart while streaming, a run of events a partition already
 * delivered. (Snapshot reads are not re-sent once streaming: offsets cover them, SPEC section 4.)
 */
const withRedeliveries = (stream: readonly Delivery[], restarts: readonly (readonly [number, number])[]): Delivery[] => {
  const out = [...stream];
  for (const [stop, back] of restarts) {
    const end = stop % (out.length + 1);
    out.splice(end, 0, ...out.slice(end - (back % (end + 1)), end).filter((d) => d.event.op !== 'r'));
  }
  return out;
};

interface Scenario {
  readonly initial: readonly Row[];
  readonly operations: readonly Operation[];
  readonly transactionSizes: readonly number[];
  readonly restarts: readonly (readonly [number, number])[];
  readonly withSchema: readonly boolean[];
  readonly consumeOrder: readonly number[];
  readonly produceOrder: readonly number[];
  readonly flushEvery: number;
  readonly retentionHours: number;
  readonly nowHours: number;
}

/**
 * The enrichment processor: per input partition, the re-delivery rule; a truncate is a barrier
 * across input partitions (everything before it is processed before it, everything after, after).
 * Records go to the output partition of their employee; a truncate's T to every partition.
 */
const enrichAll = (wal: readonly Delivery[], s: Scenario) => {
  const filters = new Map<number, ReturnType<typeof createRedeliveryFilter>>();
  const filterOf = (partition: number) => filters.get(partition) ?? filters.set(partition, createRedeliveryFilter()).get(partition)!;
  const enrich = createActivityEnricher({ lookupEmployee: () => undefined, now: () => 0 });
  const outputs: ProcessedRecord[][] = Array.from({ length: OUTPUT_PARTITIONS }, () => []);
  const process = (delivery: Delivery, n: number) => {
    const json = encodeJsonEnvelope(delivery.event, s.withSchema[n % s.withSchema.length] ? { columns: activityColumns } : {});
    const decoded = decodeJsonEnvelope(Buffer.from(json));
    if (decoded.kind !== 'event') throw new Error(`decode failed: ${JSON.stringify(decoded)}`);
    if (filterOf(delivery.partition).admit(decoded.event) === 'redelivery') return;
    for (const outcome of enrich(decoded.event)) {
      if (outcome.kind === 'record') outputs[(outcome.record.employee_id >>> 0) % OUTPUT_PARTITIONS]?.push(outcome.record);
      if (outcome.kind === 'truncate') outputs.forEach((p) => p.push(outcome.record));
    }
  };
  let n = 0;
  const segments: Delivery[][] = [[]];
  for (const delivery of wal) {
    if (delivery.event.op === 't') segments.push([delivery], []);
    else segments[segments.length - 1]?.push(delivery);
  }
  for (const segment of segments) {
    const byPartition = Array.from({ length: INPUT_PARTITIONS }, (_, p) => segment.filter((d) => d.partition === p));
    const delivered = byPartition.map((stream, p) =>
      withRedeliveries(
        stream,
        s.restarts.filter(([stop]) => stop % INPUT_PARTITIONS === p),
      ),
    );
    for (const delivery of interleave(delivered, s.consumeOrder)) process(delivery, n++);
  }
  return outputs;
};

/**
 * The summary aggregator: output partitions interleaved, flushed now and then; optionally replaced,
 * once, by one restored from its snapshot (taken between flushes, with changes not yet written).
 */
const aggregate = (outputs: readonly ProcessedRecord[][], s: Scenario, restoreAt: number | null, via: 'snapshot' | 'changelog' = 'snapshot') => {
  const options = { config: { ...defaultWindowingConfig, retentionHours: s.retentionHours }, now: () => BASE + s.nowHours * HOUR };
  let aggregator: WindowAggregator = createWindowAggregator(options);
  const written: WindowOutput[] = [];
  /** The compacted changelog topic: the latest entry per key, in first-write order as a log would replay. */
  const changelog = new Map<string, { key: Uint8Array; value: Uint8Array | null }>();
  let restored = false;
  const tagged = outputs.map((records, partition) => records.map((record) => ({ record, partition })));
  interleave(tagged, s.produceOrder).forEach(({ record, partition }, i) => {
    aggregator.apply(record, partition);
    const flushing = i % s.flushEvery === 0;
    if (flushing) written.push(...aggregator.flush());
    for (const entry of aggregator.takeChangelog()) changelog.set(Buffer.from(entry.key).toString('hex'), entry);
    if (via === 'snapshot' && i === restoreAt) {
      const result = restoreWindowAggregator(aggregator.snapshot(), options);
      if (result.kind !== 'ok') throw new Error(result.detail);
      aggregator = result.aggregator;
    }
    // A crash loses what was not committed: the changelog restores the state as of the last flush.
    if (via === 'changelog' && restoreAt !== null && i >= restoreAt && flushing && !restored) {
      restored = true;
      const restore = restoreFromChangelog(options);
      for (const { key, value } of changelog.values()) {
        const put = restore.put(key, value);
        if (put.kind !== 'ok') throw new Error(put.detail);
      }
      aggregator = restore.finish(aggregator.meta());
    }
  });
  written.push(...aggregator.flush());
  return { aggregator, written };
};

// ---------------------------------------------------------------- the oracle

interface Expected {
  readonly count: number;
  readonly durations: number;
  readonly sum: number;
}

/** SELECT employee_id, activity_type, date_trunc('hour', ts), count(*), sum(d), avg(d) ... WHERE both NOT NULL GROUP BY 1, 2, 3 */
const groupBy = (table: ReadonlyMap<number, Row>): Map<string, Expected> => {
  const groups = new Map<string, Expected>();
  for (const r of table.values()) {
    if (r.employee_id === null || r.activity_timestamp === null) continue;
    const key = summaryKey(r.employee_id, r.activity_type, Math.floor(r.activity_timestamp / HOUR) * HOUR);
    const g = groups.get(key) ?? { count: 0, durations: 0, sum: 0 };
    const d = r.duration_seconds;
    groups.set(key, { count: g.count + 1, durations: g.durations + (d === null ? 0 : 1), sum: g.sum + (d ?? 0) });
  }
  return groups;
};

const matches = (summary: ActivitySummary, g: Expected): boolean => {
  const avg = g.durations === 0 ? null : g.sum / g.durations;
  const avgOk = avg === null ? summary.avg_duration === null : Math.abs((summary.avg_duration ?? Number.NaN) - avg) <= 1e-9 * Math.max(1, Math.abs(avg));
  return summary.activity_count === g.count && summary.total_duration === (g.durations === 0 ? null : g.sum) && avgOk;
};

/** The invariant: within the horizon, the topic's latest records and the state both equal the SQL, key for key. */
const assertExact = (table: ReadonlyMap<number, Row>, aggregator: WindowAggregator, written: readonly WindowOutput[], retentionHours: number) => {
  const watermark = aggregator.stats().watermark;
  const inHorizon = (windowEnd: number) => watermark === null || windowEnd > watermark - retentionHours * HOUR;
  const expected = new Map([...groupBy(table)].filter(([key]) => inHorizon(Date.parse(key.split('|')[2] as string) * 1000 + HOUR)));
  const topic = new Map<string, ActivitySummary>();
  const revisions = new Map<string, number>();
  for (const output of written) {
    if (output.kind === 'tombstone') {
      topic.delete(output.key);
      continue;
    }
    expect(output.summary.revision).toBeGreaterThan(revisions.get(output.key) ?? 0);
    revisions.set(output.key, output.summary.revision);
    topic.set(output.key, output.summary);
  }
  const live = new Map([...topic].filter(([, s]) => inHorizon(s.window_end)));
  const state = new Map(
    aggregator
      .summaries()
      .filter((s) => inHorizon(s.window_end))
      .map((s) => [summaryKey(s.employee_id, s.activity_type, s.window_start), s]),
  );
  for (const view of [live, state]) {
    expect([...view.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, summary] of view) expect(matches(summary, expected.get(key) as Expected)).toBe(true);
  }
};

// ---------------------------------------------------------------- the properties

/** Keys within one flush come in no particular order; each key's records must be the same sequence. */
const byKey = (written: readonly WindowOutput[]) => {
  const keys = new Map<string, WindowOutput[]>();
  for (const o of written) keys.set(o.key, [...(keys.get(o.key) ?? []), o]);
  return [...keys].sort(([a], [b]) => a.localeCompare(b));
};

const scenario: fc.Arbitrary<Scenario> = fc.record({
  initial: fc.array(row, { maxLength: 8 }),
  operations: fc.array(operation, { minLength: 1, maxLength: 60 }),
  transactionSizes: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 5 }),
  restarts: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
  withSchema: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  consumeOrder: fc.array(fc.nat(), { maxLength: 50 }),
  produceOrder: fc.array(fc.nat(), { maxLength: 50 }),
  flushEvery: fc.integer({ min: 1, max: 20 }),
  retentionHours: fc.constantFrom(2, 12, 168),
  nowHours: fc.integer({ min: 0, max: 60 }),
});

describe('the pipeline logic, end to end', () => {
  it('keeps the summaries equal to SQL GROUP BY over the final table, through re-deliveries, partitions and truncates', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { table, wal } = capture(s.initial, s.operations, s.transactionSizes);
        const { aggregator, written } = aggregate(enrichAll(wal, s), s, null);
        assertExact(table, aggregator, written, s.retentionHours);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it.each([
    ['restored from a snapshot mid-stream', 'snapshot', SEED + 1],
    ['rebuilt from its changelog after a flush', 'changelog', SEED + 3],
  ] as const)('gives the same records when the aggregator is %s', (_, via, seed) => {
    fc.assert(
      fc.property(scenario, fc.nat({ max: 150 }), (s, restoreAt) => {
        const { table, wal } = capture(s.initial, s.operations, s.transactionSizes);
        const outputs = enrichAll(wal, s);
        const straight = aggregate(outputs, s, null);
        const restored = aggregate(outputs, s, restoreAt, via);
        expect(byKey(restored.written)).toEqual(byKey(straight.written));
        expect(restored.aggregator.summaries()).toEqual(straight.aggregator.summaries());
        expect(restored.aggregator.stats()).toEqual(straight.aggregator.stats());
        assertExact(table, restored.aggregator, restored.written, s.retentionHours);
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('ends exact whatever order the records of a group arrive in, holding groups a retraction overtook', () => {
    const noTruncates = scenario.map((s) => ({ ...s, operations: s.operations.filter((o) => o.kind !== 'truncate'), retentionHours: 168 }));
    fc.assert(
      fc.property(noTruncates, fc.array(fc.nat(), { maxLength: 200 }), (s, order) => {
        const { table, wal } = capture(s.initial, s.operations, s.transactionSizes);
        const records = enrichAll(wal, s).flat();
        // Any order at all (no truncates, so partitions do not matter): retractions may come before their adds.
        const shuffled = interleave(
          records.map((r) => [r]),
          order,
        );
        const { aggregator, written } = aggregate([shuffled], s, null);
        for (const { summary } of written.flatMap((o) => (o.kind === 'upsert' ? [o] : []))) {
          expect(summary.activity_count).toBeGreaterThan(0);
          expect(summary.duration_count).toBeGreaterThanOrEqual(0);
          expect(summary.duration_count).toBeLessThanOrEqual(summary.activity_count);
          expect(summary.total_duration === null).toBe(summary.duration_count === 0);
        }
        assertExact(table, aggregator, written, s.retentionHours);
      }),
      { seed: SEED + 2, numRuns: 1000 },
    );
  });
});
