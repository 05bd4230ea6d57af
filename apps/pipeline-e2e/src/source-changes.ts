import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInputDecoder, createSchemaRegistryCodec, readToEnd } from '@eap/kafka-io';
import type { Kysely, StreamingDb } from '@eap/pg-io';
import type { TestPipeline, TestStack } from '@eap/testing';
import { sql } from '@eap/pg-io';

/** `COPY employee_activities FROM '<file>'`: PostgreSQL writes the rows as multi-insert WAL records, many rows per LSN. */
export const copyActivities = async (db: Kysely<StreamingDb>, rows: number, seed: number): Promise<void> => {
  const dir = mkdtempSync(join(tmpdir(), 'eap-copy-'));
  const file = join(dir, 'rows.tsv');
  const lines = Array.from({ length: rows }, (_, i) => {
    const n = seed * 100_003 + i;
    const duration = n % 7 === 0 ? '\\N' : String(n % 900);
    return [
      1 + (n % 40),
      ['login', 'click', 'page_view', 'search'][n % 4],
      `/p/${n % 50}`,
      duration,
      '10.0.0.1',
      'copy-agent',
      `2024-05-0${1 + (n % 3)} 1${n % 10}:${String(n % 60).padStart(2, '0')}:00`,
    ].join('\t');
  });
  writeFileSync(file, `${lines.join('\n')}\n`);
  chmodSync(dir, 0o755);
  chmodSync(file, 0o644);
  try {
    await sql`COPY employee_activities (employee_id, activity_type, page_url, duration_seconds, ip_address, user_agent, activity_timestamp) FROM ${sql.lit(file)}`.execute(
      db,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export interface ProcessedChange {
  readonly partition: number;
  readonly offset: string;
  readonly row_kind: string;
  readonly op: string;
  readonly id: number | null;
  readonly source_lsn: number | null;
}

/** Every committed record of the processed topic, decoded, in partition order. */
export const processedChanges = async (stack: TestStack, p: TestPipeline): Promise<ProcessedChange[]> => {
  const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });
  const raw: { partition: number; offset: string; value: Buffer | null }[] = [];
  await readToEnd({
    kafka: { brokers: stack.connection.kafkaBrokers },
    topic: p.names.processedTopic,
    onRecords: (rs) => rs.forEach((r) => raw.push({ partition: r.partition, offset: String(r.offset), value: r.value })),
  });
  const out: ProcessedChange[] = [];
  for (const r of raw) {
    const d = r.value && (await codec.decode(r.value));
    const v = d && d.kind === 'ok' ? (d.value as Omit<ProcessedChange, 'partition' | 'offset'>) : undefined;
    if (v) out.push({ partition: r.partition, offset: r.offset, row_kind: v.row_kind, op: v.op, id: v.id, source_lsn: v.source_lsn });
  }
  return out;
};

/**
 * Changes written twice: the same source event (LSN, activity id, row kind) on a partition since
 * its last `T` (a truncate or a snapshot's restatement empties the outputs, and a new snapshot may
 * read a row at the same LSN again).
 */
export const duplicatedChanges = (changes: readonly ProcessedChange[]): string[] => {
  const seen = new Map<number, Set<string>>();
  const duplicates: string[] = [];
  for (const c of changes) {
    if (c.row_kind === 'T') {
      seen.set(c.partition, new Set());
      continue;
    }
    const set = seen.get(c.partition) ?? seen.set(c.partition, new Set()).get(c.partition)!;
    const identity = `${c.source_lsn}/${c.id}/${c.row_kind}`;
    if (set.has(identity)) duplicates.push(identity);
    set.add(identity);
  }
  return duplicates;
};

/**
 * Where rows the summaries lack were lost: never sent by Debezium (not in the input topic), or
 * in the input but not in the processed topic (skipped by the processor), with their positions.
 */
export const traceLostRows = async (stack: TestStack, p: TestPipeline, changes: readonly ProcessedChange[]): Promise<string> => {
  const inDb = new Set((await p.db.selectFrom('employee_activities').select('id').execute()).map((r) => r.id));
  const sent = new Map<number, string[]>();
  const input: { offset: bigint; value: Buffer | null }[] = [];
  await readToEnd({ kafka: { brokers: stack.connection.kafkaBrokers }, topic: p.topics.activities, onRecords: (rs) => void input.push(...rs) });
  const decoder = createInputDecoder(createSchemaRegistryCodec({ url: stack.connection.registryUrl }), Number.MAX_SAFE_INTEGER);
  await decoder.prepare(input.map((r) => r.value));
  for (const r of input) {
    const d = decoder.decode(r.value);
    if (d.kind !== 'event' || (d.event.op !== 'c' && d.event.op !== 'r')) continue;
    const id = Number((d.event.after as { id: number }).id);
    sent.set(id, [...(sent.get(id) ?? []), `${r.offset}@${d.event.source.sequence}`]);
  }
  const processed = new Set(changes.filter((c) => c.row_kind === '+I').map((c) => c.id));
  const neverSent = [...inDb].filter((id) => !sent.has(id)).sort((a, b) => a - b);
  const skipped = [...inDb].filter((id) => sent.has(id) && !processed.has(id)).sort((a, b) => a - b);
  return [
    `rows ${inDb.size}; never sent by Debezium: ${neverSent.length} (${neverSent.slice(0, 10).join(', ')})`,
    `sent but not processed: ${skipped.length}`,
    ...skipped.slice(0, 10).map((id) => `  id ${id}: ${sent.get(id)!.join(' ')}`),
    ...neverSent.slice(0, 3).map((id) => `  never sent ${id}; neighbours ${[id - 1, id + 1].map((n) => `${n}: ${sent.get(n)?.join(' ') ?? '-'}`).join(', ')}`),
  ].join('\n');
};
