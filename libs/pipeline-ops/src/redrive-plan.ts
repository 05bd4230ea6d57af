import type { ChangeEvent, EnvelopeDecodeResult } from '@eap/debezium-envelope';
import type { EnrichmentOutcome, ProcessedActivity } from '@eap/enrichment-rules';
import { createWindowRetention, MICROS_PER_HOUR } from '@eap/windowing';
import type { DeadLetterEntry } from './dead-letter-entry.js';
import type { RedriveLedgerEntry } from './redrive-ledger.js';

/** What a redrive does with one DLQ record. */
export type RedriveDecision =
  | { readonly kind: 'done_before'; readonly ledger: RedriveLedgerEntry }
  /** Enriched again (a processor's dead letter): these records go to the processed topic. */
  | { readonly kind: 'enriched'; readonly records: readonly { readonly key: string; readonly record: ProcessedActivity }[] }
  /** The same processed record again (an aggregator's dead letter): the aggregator applies it anew. */
  | { readonly kind: 'resend' }
  /** Still failing: back to the DLQ with this reason, and its history. */
  | { readonly kind: 'fails_again'; readonly reason: string; readonly detail: string; readonly image: 'before' | 'after' | null }
  /** Not redriven, and why (with the setting that would admit it, where there is one). */
  | { readonly kind: 'refused'; readonly why: string };

export interface RedriveContext {
  readonly activitiesTopic: string;
  readonly processedTopic: string;
  readonly ledger: ReadonlyMap<string, RedriveLedgerEntry>;
  /** The processor's decoding of a source value (JSON or registry Avro, size limit included). */
  readonly decode: (value: Buffer | null) => EnvelopeDecodeResult;
  /** The processor's rules, with today's employees and settings. */
  readonly enrich: (event: ChangeEvent) => readonly EnrichmentOutcome[];
  /** A processed record's activity time (wall-clock micros), or null when it has none or will not decode. */
  readonly activityTimeOf: (value: Buffer) => number | null;
  /** The aggregator's watermark and retention on a processed partition, from its committed metadata. */
  readonly windowStateOf: (partition: number) => { readonly watermark: number | null; readonly retentionHours: number } | null;
}

const imageOfOutcome = (o: EnrichmentOutcome): 'before' | 'after' =>
  o.kind === 'invalid' ? o.image : o.kind === 'record' && (o.record.row_kind === '-U' || o.record.row_kind === '-D') ? 'before' : 'after';

/** A processor's dead letter: decoded and enriched again; only the image that failed, when one did. */
const fromProcessor = (e: DeadLetterEntry, ctx: RedriveContext): RedriveDecision => {
  const decoded = ctx.decode(e.value);
  if (decoded.kind === 'tombstone') return { kind: 'refused', why: 'a tombstone: nothing to redrive' };
  if (decoded.kind !== 'event') return { kind: 'fails_again', reason: decoded.reason, detail: decoded.detail, image: null };
  if (decoded.event.op === 't') return { kind: 'refused', why: 'a truncate is not redriven: it would empty every summary again' };
  const outcomes = ctx.enrich(decoded.event).filter((o) => e.image === null || imageOfOutcome(o) === e.image);
  const failed = outcomes.find((o) => o.kind === 'invalid');
  if (failed?.kind === 'invalid') return { kind: 'fails_again', reason: failed.reason, detail: `${failed.image} image: ${failed.detail}`, image: failed.image };
  const records = outcomes.flatMap((o) => (o.kind === 'record' ? [{ key: o.key, record: o.record }] : []));
  return records.length ? { kind: 'enriched', records } : { kind: 'refused', why: 'the rules give no record for it' };
};

/** An aggregator's dead letter: sent again as it was, unless its window is still past retention (then refused, naming the setting). */
const fromAggregator = (e: DeadLetterEntry, ctx: RedriveContext): RedriveDecision => {
  if (e.value === null) return { kind: 'refused', why: 'no value' };
  if (e.reason !== 'late') return { kind: 'resend' };
  const at = ctx.activityTimeOf(e.value);
  const state = ctx.windowStateOf(e.source!.partition);
  if (at === null || !state || state.watermark === null) return { kind: 'resend' };
  const hour = Math.floor(at / MICROS_PER_HOUR);
  if (!createWindowRetention(state.retentionHours).isExpired(hour, state.watermark)) return { kind: 'resend' };
  const needed = Math.ceil((state.watermark - (hour + 1) * MICROS_PER_HOUR) / MICROS_PER_HOUR);
  return {
    kind: 'refused',
    why: `its window ${new Date((hour * MICROS_PER_HOUR) / 1000).toISOString()} ended ${needed} h before the aggregator’s watermark, past WINDOW_RETENTION_HOURS=${state.retentionHours}: run the aggregators with WINDOW_RETENTION_HOURS=${needed + 1} or more, then redrive`,
  };
};

/**
 * What a redrive would do with a DLQ record: the same rules as the first time, after the user fixed
 * the cause. Records redriven before (in the ledger) are left alone: a redrive counts once.
 */
export const decideRedrive = (e: DeadLetterEntry, ctx: RedriveContext): RedriveDecision => {
  const before = ctx.ledger.get(e.id);
  if (before) return { kind: 'done_before', ledger: before };
  if (!e.source) return { kind: 'refused', why: 'no dlq.source.* headers: not written by this pipeline' };
  if (e.source.topic === ctx.activitiesTopic) return fromProcessor(e, ctx);
  if (e.source.topic === ctx.processedTopic) return fromAggregator(e, ctx);
  return { kind: 'refused', why: `from ${e.source.topic}, which neither app of this pipeline reads` };
};
