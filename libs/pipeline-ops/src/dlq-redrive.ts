import { processedActivitySchema } from '@eap/avro-schemas';
import { createActivityEnricher, employeeFromDatabaseRow, type Employee, type EnrichmentConfig } from '@eap/enrichment-rules';
import {
  createInputDecoder,
  createSchemaRegistryCodec,
  createTopicAdmin,
  createTransactionalWriter,
  isFencingError,
  partitionBatches,
  partitionOfKey,
  readToEnd,
  type OutputRecord,
} from '@eap/kafka-io';
import { findEmployees, type Kysely, type StreamingDb } from '@eap/pg-io';
import { PipelineError, sourceTopics } from '@eap/pipeline-config';
import { decodeWindowMeta } from '@eap/windowing';
import avro from 'avsc';
import { matchesDeadLetterFilter, readDeadLetter, type DeadLetterEntry, type DeadLetterFilter, type DeadLetterHistoryItem } from './dead-letter-entry.js';
import type { OpsSettings } from './ops-settings.js';
import { decodeLedgerEntry, encodeLedgerEntry, ledgerEntryFor, redriveLedgerTopic, type RedriveLedgerEntry } from './redrive-ledger.js';
import { decideRedrive, type RedriveDecision } from './redrive-plan.js';

export interface DeadLetterWithState extends DeadLetterEntry {
  /** The redrive of this record, if there was one; null: pending. */
  readonly redrive: RedriveLedgerEntry | null;
}

const kafkaOf = (s: OpsSettings, clientId: string) => ({ brokers: s.brokers, clientId });

const readLedger = async (s: OpsSettings): Promise<Map<string, RedriveLedgerEntry>> => {
  const ledger = new Map<string, RedriveLedgerEntry>();
  const admin = await createTopicAdmin(kafkaOf(s, 'pipeline-dlq'));
  const exists = (await admin.listTopics().finally(() => admin.close())).includes(redriveLedgerTopic(s.names.dlqTopic));
  if (!exists) return ledger;
  await readToEnd({
    kafka: kafkaOf(s, 'pipeline-dlq'),
    topic: redriveLedgerTopic(s.names.dlqTopic),
    onRecords: (records) => {
      for (const r of records) {
        const entry = decodeLedgerEntry(r.value);
        if (r.key && entry) ledger.set(r.key.toString(), entry);
      }
    },
  });
  return ledger;
};

/** The DLQ (read_committed, to its end) with each record's redrive state, narrowed by the filter. */
export const readDeadLetters = async (s: OpsSettings, filter: DeadLetterFilter = {}): Promise<readonly DeadLetterWithState[]> => {
  const ledger = await readLedger(s);
  const entries: DeadLetterWithState[] = [];
  await readToEnd({
    kafka: kafkaOf(s, 'pipeline-dlq'),
    topic: s.names.dlqTopic,
    onRecords: (records) => {
      for (const r of records) {
        const e = readDeadLetter(r);
        if (matchesDeadLetterFilter(e, filter)) entries.push({ ...e, redrive: ledgerEntryFor(ledger, e) });
      }
    },
  });
  return entries;
};

export interface RedriveOutcome {
  readonly entry: DeadLetterEntry;
  readonly decision: RedriveDecision;
}

export interface RedriveResult {
  readonly outcomes: readonly RedriveOutcome[];
  readonly dryRun: boolean;
  readonly seconds: number;
}

const processedReader = avro.Type.forSchema(processedActivitySchema as avro.Schema);

/**
 * Redrives the DLQ records the filter selects, exactly once: a fixed transactional id fences any
 * other redrive of this pipeline (and aborts what a killed one left open) before the ledger is read;
 * then the outputs of every record (to the processed topic, or back to the DLQ with its history) and
 * their ledger entries commit in one transaction. A record with a ledger entry is not redriven again.
 */
export const redriveDeadLetters = async ({
  settings: s,
  db,
  filter,
  enrichment,
  maxValueBytes,
  retentionHours = null,
  dryRun,
  now = Date.now,
}: {
  readonly settings: OpsSettings;
  readonly db: Kysely<StreamingDb>;
  readonly filter: DeadLetterFilter;
  readonly enrichment: EnrichmentConfig;
  readonly maxValueBytes: number;
  /** The aggregators' retention now (WINDOW_RETENTION_HOURS); null: the one they last committed with. */
  readonly retentionHours?: number | null;
  readonly dryRun: boolean;
  readonly now?: () => number;
}): Promise<RedriveResult> => {
  const started = performance.now();
  const ledgerTopic = redriveLedgerTopic(s.names.dlqTopic);
  const admin = await createTopicAdmin(kafkaOf(s, 'pipeline-dlq'));
  let partitions: { processed: number; dlq: number; ledger: number };
  let windows: Map<number, { watermark: number | null; retentionHours: number }>;
  try {
    if (!dryRun) await admin.ensureTopics([{ topic: ledgerTopic, partitions: 1, configs: { 'cleanup.policy': 'compact' } }]);
    const [processed, dlq, committed] = await Promise.all([
      admin.endOffsets(s.names.processedTopic),
      admin.endOffsets(s.names.dlqTopic),
      admin.committedOffsets(s.aggregatorGroupId, s.names.processedTopic),
    ]);
    partitions = { processed: processed.size, dlq: dlq.size, ledger: 1 };
    windows = new Map(
      [...committed].flatMap(([p, c]) => {
        const meta = decodeWindowMeta(c.metadata);
        const retention = retentionHours ?? (meta.kind === 'ok' ? meta.meta.retentionHours : undefined);
        return meta.kind === 'ok' && retention !== undefined ? [[p, { watermark: meta.meta.watermark, retentionHours: retention }] as const] : [];
      }),
    );
  } finally {
    await admin.close();
  }

  // Fence first: whatever another redrive wrote but did not commit is aborted, and it cannot commit after this.
  const writer = dryRun
    ? null
    : await createTransactionalWriter({ ...kafkaOf(s, 'pipeline-dlq-redrive'), transactionalId: `${s.names.topicPrefix}-dlq-redrive` });
  try {
    // KafkaJS initialises the transactional id (InitProducerId: bumps the epoch, aborts what a killed
    // redrive left open) at its first transaction: do that now, before the ledger is read, so that a
    // redrive running at the same time can no longer commit what this one is about to decide again.
    if (writer) await (await writer.begin()).abort();
    const entries = await readDeadLetters(s, filter);
    const ledger = new Map(entries.flatMap((e) => (e.redrive ? [[e.id, e.redrive] as const] : [])));
    const codec = createSchemaRegistryCodec({ url: s.registryUrl });
    const input = createInputDecoder(codec, maxValueBytes);
    // The input decoder prepares through the same codec: processed (Avro) values are ready for activityTimeOf too.
    await input.prepare(entries.map((e) => e.value));

    // Employees the rules will ask for, read once from PostgreSQL (the processor's directory follows the same table).
    const employees = new Map<number, Employee>();
    const wanted = new Set<number>();
    const enrich = createActivityEnricher({
      lookupEmployee: (id) => {
        const e = employees.get(id);
        if (!e) wanted.add(id);
        return e;
      },
      config: enrichment,
      now,
    });
    const activitiesTopic = sourceTopics(s.names).activities;
    const context = {
      activitiesTopic,
      processedTopic: s.names.processedTopic,
      ledger,
      decode: (value: Buffer | null) => input.decode(value),
      enrich,
      activityTimeOf: (value: Buffer) => {
        const d = codec.decodePrepared(value, processedReader);
        const t = d.kind === 'ok' ? (d.value as { activity_timestamp: number | null }).activity_timestamp : null;
        return typeof t === 'number' ? t : null;
      },
      windowStateOf: (p: number) => windows.get(p) ?? null,
    };
    for (const e of entries) decideRedrive(e, context);
    for (const row of await findEmployees(db, [...wanted])) employees.set(row.id, employeeFromDatabaseRow(row));
    const outcomes = entries.map((entry) => ({ entry, decision: decideRedrive(entry, context) }));
    if (writer) await commitRedrive(writer, s, outcomes, partitions, now);
    return { outcomes, dryRun, seconds: (performance.now() - started) / 1000 };
  } finally {
    await writer?.close();
  }
};

const historyWith = (e: DeadLetterEntry): string =>
  JSON.stringify([...e.history, { at: new Date(e.time).toISOString(), reason: e.reason, detail: e.detail, dlq: e.id } satisfies DeadLetterHistoryItem]);

/** The outputs of the decisions and their ledger entries, in one transaction, one partition per request. */
const commitRedrive = async (
  writer: Awaited<ReturnType<typeof createTransactionalWriter>>,
  s: OpsSettings,
  outcomes: readonly RedriveOutcome[],
  partitions: { readonly processed: number; readonly dlq: number },
  now: () => number,
): Promise<void> => {
  const codec = createSchemaRegistryCodec({ url: s.registryUrl });
  const encoder = await codec.registerEncoder(`${s.names.processedTopic}-value`, processedActivitySchema);
  const at = new Date(now()).toISOString();
  const outputs: OutputRecord[] = [];
  for (const { entry: e, decision: d } of outcomes) {
    const redriveHeaders = { 'dlq.redrive.of': `${s.names.dlqTopic}/${e.id}`, 'dlq.history': historyWith(e) };
    const ledger = (entry: RedriveLedgerEntry) =>
      outputs.push({
        topic: redriveLedgerTopic(s.names.dlqTopic),
        partition: 0,
        key: Buffer.from(e.id),
        value: encodeLedgerEntry({ ...entry, recordTime: e.time }),
      });
    if (d.kind === 'enriched') {
      const to = d.records.map((r) => {
        const partition = partitionOfKey(r.key, partitions.processed);
        outputs.push({
          topic: s.names.processedTopic,
          partition,
          key: Buffer.from(r.key),
          value: encoder.encode(r.record),
          headers: { ...redriveHeaders, 'dlq.redrive.kind': 'enriched' },
        });
        return `${s.names.processedTopic}/${partition}`;
      });
      ledger({ at, outcome: 'sent', detail: to.join(', '), reason: e.reason });
    } else if (d.kind === 'resend') {
      const partition = e.source!.partition;
      outputs.push({ topic: s.names.processedTopic, partition, key: e.key, value: e.value, headers: { ...redriveHeaders, 'dlq.redrive.kind': 'resend' } });
      ledger({ at, outcome: 'sent', detail: `${s.names.processedTopic}/${partition}`, reason: e.reason });
    } else if (d.kind === 'fails_again') {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(e.headers)) if (v !== undefined && !k.startsWith('dlq.')) headers[k] = v.toString();
      outputs.push({
        topic: s.names.dlqTopic,
        partition: e.partition,
        key: e.key,
        value: e.value,
        headers: {
          ...headers,
          'dlq.reason': d.reason,
          'dlq.detail': d.detail.slice(0, 1_000),
          'dlq.source.topic': e.source!.topic,
          'dlq.source.partition': String(e.source!.partition),
          'dlq.source.offset': e.source!.offset.toString(),
          'dlq.time': at,
          ...(d.image ? { 'dlq.image': d.image } : {}),
          ...redriveHeaders,
        },
      });
      ledger({ at, outcome: 'dead_lettered_again', detail: d.reason, reason: e.reason });
    }
  }
  if (outputs.length === 0) return;
  const tx = await writer.begin();
  try {
    // One partition per request (every output has its partition set), as the apps' transactions do.
    for (const batch of partitionBatches(outputs, () => 1)) await tx.send(batch);
    await tx.commit();
  } catch (e) {
    await tx.abort().catch(() => undefined);
    if (isFencingError(e) || isFencingError((e as { cause?: unknown }).cause))
      throw new PipelineError(
        'fencing',
        'redrive_fenced',
        'another redrive of this pipeline started meanwhile and took over: nothing of this one was written (npm run pipeline -- dlq list shows what is still pending)',
        { retriable: true },
      );
    throw e;
  }
};
