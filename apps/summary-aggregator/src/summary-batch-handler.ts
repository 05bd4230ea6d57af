import { deadLetter, type AvroEncoder, type BatchResult, type InputRecord, type OutputRecord, type PartitionContext } from '@eap/kafka-io';
import { PipelineError, type PipelineNames } from '@eap/pipeline-config';
import {
  compareAgreedSettings,
  decodeWindowMeta,
  describeDisagreement,
  encodeWindowMeta,
  type AgreedWindowSettings,
  type WindowAggregator,
  type WindowInput,
  type WindowMeta,
  type WindowOutput,
} from '@eap/windowing';
import type { AggregatorMetrics } from './aggregator-metrics.js';
import type { PartitionStates } from './partition-states.js';

/** The processed topic's values: the registry codec, resolving every writer version into the current processed schema. */
export interface InputDecoder {
  prepare(values: readonly (Buffer | null)[]): Promise<void>;
  decode(value: Buffer): { readonly kind: 'ok'; readonly value: unknown } | { readonly kind: 'invalid'; readonly reason: string; readonly detail: string };
}

export interface SummaryHandlerDeps {
  readonly names: Pick<PipelineNames, 'summariesTopic' | 'summariesChangelogTopic' | 'dlqTopic'>;
  readonly states: PartitionStates;
  readonly input: InputDecoder;
  readonly encoder: AvroEncoder;
  readonly metrics: AggregatorMetrics;
  /** Live summary keys of the input partition's employees, released groups included (for a truncate). */
  readonly liveSummaryKeys: (partition: number, heartbeat: () => Promise<void>) => Promise<readonly string[]>;
  /** This instance's id and the settings it must share with every other instance of the group. */
  readonly instance: { readonly id: string; readonly agreed: AgreedWindowSettings };
  /** The instance ids of the group's members now (to tell another live instance from an earlier run). */
  readonly liveInstances: () => Promise<readonly string[]>;
  readonly warn: (event: string, detail: Readonly<Record<string, unknown>>) => void;
  readonly now?: () => number;
}

/** A processed record as the aggregator reads it: its window input and when its source committed. */
type Decoded = WindowInput & { readonly source_ts_ms?: number };

/**
 * One input partition's batch: restore the partition's windows from the changelog when it was
 * (re)gained, apply every change, flush, and return the summaries, the changed window state for the
 * changelog (same partition number as the input) and the window metadata to commit with the offset.
 */
export const createSummaryBatchHandler = ({
  names,
  states,
  input: decoder,
  encoder,
  metrics,
  liveSummaryKeys,
  instance,
  liveInstances,
  warn,
  now = Date.now,
}: SummaryHandlerDeps) => {
  /**
   * Window settings differing from those of the partition's last committer: refused while that
   * instance is still a member of the group (the same windows would close at different times), taken
   * as a change of settings when it is gone (a restart with new settings).
   */
  const checkAgreement = async (partition: number, meta: WindowMeta): Promise<void> => {
    const differences = compareAgreedSettings(meta.agreed, instance.agreed);
    if (differences.length === 0 || meta.instance === instance.id) return;
    const other = meta.instance ?? 'an earlier instance';
    if (meta.instance !== undefined && (await liveInstances()).includes(meta.instance)) {
      throw new PipelineError(
        'config',
        'settings_disagree',
        `partition ${partition}: ${describeDisagreement(differences, other)}; every instance of the group must run with the same window settings`,
        { retriable: false, partition },
      );
    }
    warn('aggregator.settings_changed', { partition, changes: describeDisagreement(differences, other) });
  };
  const stamp = (meta: WindowMeta): string => encodeWindowMeta({ ...meta, agreed: instance.agreed, instance: instance.id });

  const summaryRecord = (o: WindowOutput): OutputRecord =>
    o.kind === 'upsert'
      ? { topic: names.summariesTopic, key: o.key, value: encoder.encode(o.summary) }
      : { topic: names.summariesTopic, key: o.key, value: null };

  /** The partition was (re)gained: its window metadata came with the committed offset, its groups from the changelog. */
  const restore = async (ctx: PartitionContext): Promise<WindowAggregator> => {
    const meta = decodeWindowMeta(ctx.metadata);
    if (meta.kind === 'invalid') throw new Error(`partition ${ctx.partition}: ${meta.detail}; refusing to guess the window state`);
    await checkAgreement(ctx.partition, meta.meta);
    return states.restore(ctx.partition, meta.meta, ctx.heartbeat);
  };

  /** The flush's summaries, then the changed window state for the changelog (same partition number as the input). */
  const flushInto = (outputs: OutputRecord[], aggregator: WindowAggregator, partition: number): void => {
    for (const o of aggregator.flush()) {
      outputs.push(summaryRecord(o));
      metrics.recordsOut.inc({ kind: o.kind });
    }
    const changelog = aggregator.takeChangelog();
    const bytes = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    for (const entry of changelog) {
      outputs.push({ topic: names.summariesChangelogTopic, partition, key: bytes(entry.key), value: entry.value && bytes(entry.value) });
    }
    metrics.changelog.inc(changelog.length);
  };

  /**
   * A quiet partition: let the watermark follow the wall clock (WINDOW_IDLE_ADVANCE_SECONDS) and
   * close the windows it passes, in a transaction of its own at the same input offset.
   */
  const idle = async (ctx: Omit<PartitionContext, 'fresh'>): Promise<BatchResult | null> => {
    if (!states.has(ctx.partition)) return null;
    const aggregator = states.get(ctx.partition);
    const outputs: OutputRecord[] = [];
    flushInto(outputs, aggregator, ctx.partition);
    states.observe(ctx.partition, aggregator);
    return outputs.length === 0 ? null : { outputs, metadata: stamp(aggregator.meta()) };
  };

  const handleBatch = async (records: readonly InputRecord[], ctx: PartitionContext): Promise<BatchResult> => {
    const aggregator: WindowAggregator = ctx.fresh || !states.has(ctx.partition) ? await restore(ctx) : states.get(ctx.partition);
    metrics.recordsIn.inc(records.length);
    const outputs: OutputRecord[] = [];
    const sourceTimes: number[] = [];
    const reject = (input: InputRecord, reason: string, detail: string) => {
      outputs.push(deadLetter(names.dlqTopic, input, reason, detail, now()));
      metrics.dlq.inc({ reason });
    };
    await decoder.prepare(records.map((r) => r.value));
    for (const input of records) {
      if (input.value === null) {
        reject(input, 'undecodable', 'a record without a value');
        continue;
      }
      const decoded = decoder.decode(input.value);
      if (decoded.kind === 'invalid') {
        reject(input, 'undecodable', `${decoded.reason}: ${decoded.detail}`);
        continue;
      }
      const change = decoded.value as Decoded;
      if (change.row_kind === 'T') {
        // Every live key of this partition's employees goes, released groups included; the groups
        // still in state get theirs at the flush (a second tombstone is harmless), and rows after
        // the truncate come after these in the same transaction.
        for (const key of await liveSummaryKeys(ctx.partition, ctx.heartbeat)) outputs.push({ topic: names.summariesTopic, key, value: null });
      }
      const outcome = aggregator.apply(change, ctx.partition);
      if (outcome.kind !== 'applied') reject(input, outcome.reason, outcome.detail);
      else if (typeof change.source_ts_ms === 'number') sourceTimes.push(change.source_ts_ms);
    }
    flushInto(outputs, aggregator, ctx.partition);
    const written = now();
    for (const t of sourceTimes) metrics.latency.observe(Math.max(0, written - t) / 1000);
    states.observe(ctx.partition, aggregator);
    return { outputs, metadata: stamp(aggregator.meta()) };
  };

  return { handleBatch, idle };
};
