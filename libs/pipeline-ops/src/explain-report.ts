import { processedActivitySchema, activitySummarySchema } from '@eap/avro-schemas';
import { createSchemaRegistryCodec, createTopicAdmin, partitionOfKey, readToEnd, type InputRecord } from '@eap/kafka-io';
import { activityGroupRows, type ActivityGroupRow, type Kysely, type StreamingDb } from '@eap/pg-io';
import type { ActivitySummary } from '@eap/windowing';
import avro from 'avsc';
import type { OpsSettings } from './ops-settings.js';
import { explainSummary, type Explanation, type PositionedImage, type ProcessedImage, type SummaryKeyParts } from './summary-explain.js';

export interface ExplainReport extends Explanation {
  readonly summaryKey: string;
  /** The SQL that gives the group's rows, its rows, and whether they are the rows the contributions leave. */
  readonly sql: { readonly text: string; readonly rows: readonly ActivityGroupRow[]; readonly sameRows: boolean };
  /** The partition's first offset still there: above 0, retention deleted older changes, which the sum then misses (unless a `T` came after). */
  readonly logStart: bigint;
  /** What it cost: processed records scanned (the partition's), and the time. */
  readonly cost: { readonly processedRecordsScanned: number; readonly dlqRecordsScanned: number; readonly seconds: number };
}

const processedReader = avro.Type.forSchema(processedActivitySchema as avro.Schema);
const summaryReader = avro.Type.forSchema(activitySummarySchema as avro.Schema);

/**
 * The source changes behind one summary: its employee's processed partition scanned from the start
 * (only its records and the truncates decoded), the aggregator's dead letters of that partition, the
 * summary as it is on the topic, and the SQL rows of the group to check against.
 */
export const explainSummaryKey = async (s: OpsSettings, db: Kysely<StreamingDb>, summaryKey: string, key: SummaryKeyParts): Promise<ExplainReport> => {
  const started = performance.now();
  const kafka = { brokers: s.brokers, clientId: 'pipeline-explain' };
  const admin = await createTopicAdmin(kafka);
  const [ranges, summaryPartitions] = await Promise.all([
    admin.offsetRanges(s.names.processedTopic),
    admin.endOffsets(s.names.summariesTopic).then((e) => e.size),
  ]).finally(() => admin.close());
  const partition = partitionOfKey(String(key.employeeId), ranges.length);
  const logStart = ranges.find((r) => r.partition === partition)?.low ?? 0n;
  const codec = createSchemaRegistryCodec({ url: s.registryUrl });

  const theirs: InputRecord[] = [];
  const scanned = await readToEnd({
    kafka,
    topic: s.names.processedTopic,
    partitions: [partition],
    onRecords: (records) => {
      for (const r of records) if (r.value !== null && (r.key === null || r.key.toString() === String(key.employeeId))) theirs.push(r);
    },
  });
  await codec.prepare(theirs.map((r) => r.value));
  const records: PositionedImage[] = theirs.flatMap((r) => {
    const decoded = codec.decodePrepared(r.value!, processedReader);
    return decoded.kind === 'ok' ? [{ offset: r.offset, image: decoded.value as ProcessedImage }] : [];
  });

  const deadLettered = new Map<bigint, string>();
  const dlq = await readToEnd({
    kafka,
    topic: s.names.dlqTopic,
    onRecords: (batch) => {
      for (const r of batch) {
        if (r.headers['dlq.source.topic']?.toString() !== s.names.processedTopic || r.headers['dlq.source.partition']?.toString() !== String(partition))
          continue;
        deadLettered.set(BigInt(r.headers['dlq.source.offset']?.toString() ?? '-1'), r.headers['dlq.reason']?.toString() ?? 'unknown');
      }
    },
  }).catch(() => ({ records: 0 }));

  let latest: Buffer | null = null;
  await readToEnd({
    kafka,
    topic: s.names.summariesTopic,
    partitions: [partitionOfKey(summaryKey, summaryPartitions)],
    onRecords: (batch) => {
      for (const r of batch) if (r.key?.toString() === summaryKey) latest = r.value;
    },
  });
  const value = latest as Buffer | null;
  const decodedSummary = value === null ? null : await codec.decode(value, summaryReader);
  const summary = decodedSummary?.kind === 'ok' ? (decodedSummary.value as ActivitySummary) : null;

  const explanation = explainSummary({ key, partition, records, deadLettered, summary });
  const sqlRows = await activityGroupRows(db, key);
  const sameRows = sqlRows.rows.length === explanation.rows.length && sqlRows.rows.every((r, i) => r.id === explanation.rows[i]);
  return {
    ...explanation,
    summaryKey,
    logStart,
    sql: { ...sqlRows, sameRows },
    cost: { processedRecordsScanned: scanned.records, dlqRecordsScanned: dlq.records, seconds: (performance.now() - started) / 1000 },
  };
};
