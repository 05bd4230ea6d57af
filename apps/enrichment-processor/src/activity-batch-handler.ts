import { createRedeliveryFilter, decodeRedeliveryState, encodeRedeliveryState, type RedeliveryFilter } from '@eap/debezium-envelope';
import { admitActivityRecords, createActivityEnricher, restatementRecord, type EnrichmentConfig, type EnrichmentOutcome } from '@eap/enrichment-rules';
import { deadLetter, partitionKey, type AvroEncoder, type BatchResult, type InputRecord, type OutputRecord, type PartitionContext } from '@eap/kafka-io';
import type { PipelineNames } from '@eap/pipeline-config';
import type { EmployeeDirectory } from './employee-directory.js';
import type { InputDecoder } from '@eap/kafka-io';
import type { ProcessorMetrics } from './processor-metrics.js';

export interface BatchHandlerDeps {
  readonly names: PipelineNames;
  readonly enrichment: EnrichmentConfig;
  /** The processed topic's partition count, as the broker has it: a `T` goes to each. */
  readonly processedPartitions: number;
  readonly directory: EmployeeDirectory;
  readonly encoder: AvroEncoder;
  readonly input: InputDecoder;
  readonly metrics: ProcessorMetrics;
  readonly now?: () => number;
  readonly warn: (event: string, detail: Readonly<Record<string, unknown>>) => void;
}

/**
 * One input partition's batch to its outputs: decode, skip re-deliveries (the positions seen are
 * committed with the offsets as metadata, so the rule survives restarts), look unknown employees up,
 * enrich, and route each image to the processed topic or the DLQ.
 */
export const createActivityBatchHandler = (deps: BatchHandlerDeps) => {
  const { names, directory, encoder, metrics, now = Date.now } = deps;
  const filters = new Map<string, RedeliveryFilter>();

  /** The partition's re-delivery state, committed with its offset. Unreadable state stops the partition: guessing could count twice. */
  const restoreFilter = (key: string, metadata: string | null): RedeliveryFilter => {
    const state = decodeRedeliveryState(metadata);
    if (state.kind === 'invalid') throw new Error(`input ${key}: ${state.detail}; refusing to guess which events were processed`);
    return createRedeliveryFilter(state.state);
  };

  const handle = async (records: readonly InputRecord[], ctx: PartitionContext): Promise<BatchResult> => {
    const key = partitionKey(ctx.topic, ctx.partition);
    if (ctx.fresh || !filters.has(key)) filters.set(key, restoreFilter(key, ctx.metadata));
    const filter = filters.get(key)!;
    const abandonedBefore = filter.abandonedSnapshots;
    metrics.recordsIn.inc(records.length);
    const values = records.map((r) => r.value);
    await deps.input.prepare(values);
    const admitted = admitActivityRecords(values, { filter, decode: deps.input.decode });
    if (filter.abandonedSnapshots > abandonedBefore) {
      metrics.abandonedSnapshots.inc(filter.abandonedSnapshots - abandonedBefore);
      deps.warn('processor.snapshot_abandoned', {
        partition: key,
        detail: 'streamed changes came before the snapshot read its last row (Connect stopped during a blocking snapshot; Debezium does not resume it)',
        fix: 'ask for a new snapshot: npm run pipeline -- resnapshot',
      });
    }

    const misses = new Set<number>();
    const enrichAll = () => {
      const enrich = createActivityEnricher({
        lookupEmployee: (id) => {
          const e = directory.lookup(id);
          if (!e) misses.add(id);
          return e;
        },
        config: deps.enrichment,
        now,
      });
      return admitted.map((a) => (a.kind === 'event' ? enrich(a.event) : []));
    };
    let enriched = enrichAll();
    if (misses.size > 0) {
      await directory.resolve(misses);
      enriched = enrichAll();
    }

    const outputs: OutputRecord[] = [];
    /** A `T` on every partition: a truncate, or a snapshot that restates the table. */
    const emptyOutputs = (value: Buffer) => {
      for (let p = 0; p < deps.processedPartitions; p++) outputs.push({ topic: names.processedTopic, key: null, value, partition: p });
      metrics.recordsOut.inc({ row_kind: 'T' });
    };
    const emit = (input: InputRecord, outcome: EnrichmentOutcome) => {
      if (outcome.kind === 'record') {
        outputs.push({ topic: names.processedTopic, key: outcome.key, value: encoder.encode(outcome.record) });
        metrics.recordsOut.inc({ row_kind: outcome.record.row_kind });
        metrics.latency.observe(Math.max(0, now() - outcome.record.source_ts_ms) / 1000);
      } else if (outcome.kind === 'truncate') {
        emptyOutputs(encoder.encode(outcome.record));
      } else {
        // The image that failed: a redrive enriches that one again, not the other (already counted).
        outputs.push(deadLetter(names.dlqTopic, input, outcome.reason, `${outcome.image} image: ${outcome.detail}`, now(), { 'dlq.image': outcome.image }));
        metrics.dlq.inc({ reason: outcome.reason });
      }
    };
    admitted.forEach((a, i) => {
      const input = records[a.index]!;
      if (a.kind === 'skip') {
        metrics.skipped.inc({ why: a.why });
        return;
      }
      if (a.kind === 'reject') {
        outputs.push(deadLetter(names.dlqTopic, input, a.reason, a.detail, now()));
        metrics.dlq.inc({ reason: a.reason });
        return;
      }
      if (a.restate) {
        emptyOutputs(encoder.encode(restatementRecord(a.event, now)));
        metrics.snapshots.inc();
        deps.warn('processor.snapshot_started', {
          partition: key,
          marker: a.event.source.snapshot,
          lsn: a.event.source.lsn,
          action: 'restating: a T to every processed partition, then the snapshot rows',
        });
      }
      if (input.key === null && a.event.op !== 't') {
        // Debezium keys every row change by its primary key; only a truncate has none.
        outputs.push(deadLetter(names.dlqTopic, input, 'missing_key', `a ${a.event.op} event without its key`, now()));
        metrics.dlq.inc({ reason: 'missing_key' });
        return;
      }
      for (const outcome of enriched[i]!) emit(input, outcome);
    });
    return { outputs, metadata: encodeRedeliveryState(filter.state()) };
  };
  /** A partition that went to another member: its filter goes (a later claim restores it from the committed metadata). */
  const release = (at: { readonly topic: string; readonly partition: number }): void => {
    filters.delete(partitionKey(at.topic, at.partition));
  };
  return { handle, release };
};
