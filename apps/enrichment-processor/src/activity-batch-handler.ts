import { createRedeliveryFilter, readPositionSnapshot, type RedeliveryFilter } from '@eap/debezium-envelope';
import { admitActivityRecords, createActivityEnricher, type EnrichmentConfig, type EnrichmentOutcome } from '@eap/enrichment-rules';
import { deadLetter, type AvroEncoder, type BatchResult, type InputRecord, type OutputRecord, type PartitionContext } from '@eap/kafka-io';
import type { PipelineNames } from '@eap/pipeline-config';
import type { EmployeeDirectory } from './employee-directory.js';
import type { createInputDecoder } from './input-decoder.js';
import type { ProcessorMetrics } from './processor-metrics.js';

export interface BatchHandlerDeps {
  readonly names: PipelineNames;
  readonly enrichment: EnrichmentConfig;
  readonly processedPartitions: number;
  readonly directory: EmployeeDirectory;
  readonly encoder: AvroEncoder;
  readonly input: ReturnType<typeof createInputDecoder>;
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

  const restoreFilter = (key: string, metadata: string | null): RedeliveryFilter => {
    if (!metadata) return createRedeliveryFilter();
    let parsed: unknown;
    try {
      parsed = JSON.parse(metadata);
    } catch {
      parsed = undefined;
    }
    const snapshot = readPositionSnapshot(parsed);
    if (snapshot.kind === 'ok') return createRedeliveryFilter(snapshot.snapshot);
    deps.warn('processor.position_metadata_invalid', { partition: key, detail: snapshot.kind === 'invalid' ? snapshot.detail : 'not JSON' });
    return createRedeliveryFilter();
  };

  return async (records: readonly InputRecord[], ctx: PartitionContext): Promise<BatchResult> => {
    const key = `${ctx.topic}/${ctx.partition}`;
    if (ctx.fresh || !filters.has(key)) filters.set(key, restoreFilter(key, ctx.metadata));
    const filter = filters.get(key)!;
    metrics.recordsIn.inc(records.length);
    const values = records.map((r) => r.value);
    await deps.input.prefetch(values);
    const admitted = admitActivityRecords(values, { partitionKey: key, filter, decode: deps.input.decode });

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
    const emit = (input: InputRecord, outcome: EnrichmentOutcome) => {
      if (outcome.kind === 'record') {
        outputs.push({ topic: names.processedTopic, key: outcome.key, value: encoder.encode(outcome.record) });
        metrics.recordsOut.inc({ row_kind: outcome.record.row_kind });
        metrics.latency.observe(Math.max(0, now() - outcome.record.source_ts_ms) / 1000);
      } else if (outcome.kind === 'truncate') {
        const value = encoder.encode(outcome.record);
        for (let p = 0; p < deps.processedPartitions; p++) outputs.push({ topic: names.processedTopic, key: null, value, partition: p });
        metrics.recordsOut.inc({ row_kind: 'T' });
      } else {
        outputs.push(deadLetter(names.dlqTopic, input, outcome.reason, `${outcome.image} image: ${outcome.detail}`, now()));
        metrics.dlq.inc({ reason: outcome.reason });
      }
    };
    admitted.forEach((a, i) => {
      const input = records[a.index]!;
      if (a.kind === 'skip') metrics.skipped.inc({ why: a.why });
      else if (a.kind === 'event' && input.key === null && a.event.op !== 't') {
        // Debezium keys every row change by its primary key; only a truncate has none.
        outputs.push(deadLetter(names.dlqTopic, input, 'missing_key', `a ${a.event.op} event without its key`, now()));
        metrics.dlq.inc({ reason: 'missing_key' });
      }
      else if (a.kind === 'reject') {
        outputs.push(deadLetter(names.dlqTopic, input, a.reason, a.detail, now()));
        metrics.dlq.inc({ reason: a.reason });
      } else for (const outcome of enriched[i]!) emit(input, outcome);
    });
    return { outputs, metadata: JSON.stringify(filter.snapshot()) };
  };
};
