import { decodeJsonEnvelope, type ChangeEvent, type EnvelopeDecodeResult, type EnvelopeRejectReason, type RedeliveryFilter } from '@eap/debezium-envelope';

/** What the processor does with one input record before enrichment. */
export type Admitted =
  /** `restate`: the first read of a (re)started snapshot: empty the outputs before this event's records. */
  | { readonly kind: 'event'; readonly index: number; readonly event: ChangeEvent; readonly restate: boolean }
  | { readonly kind: 'skip'; readonly index: number; readonly why: 'redelivery' | 'tombstone' | 'other_table' | 'incremental_snapshot' }
  | { readonly kind: 'reject'; readonly index: number; readonly reason: EnvelopeRejectReason; readonly detail: string };

/**
 * Decodes a batch of one input partition and applies the partition's re-delivery rule (SPEC section
 * 4): re-sent events and incremental-snapshot reads are skipped, a (re)started snapshot restates.
 * Tombstones (after deletes) carry nothing to process. Records that do not decode are rejected
 * with their reason, for the DLQ.
 */
export const admitActivityRecords = (
  values: readonly (Uint8Array | null)[],
  {
    filter,
    table = 'employee_activities',
    decode = decodeJsonEnvelope,
  }: {
    filter: RedeliveryFilter;
    table?: string;
    /** JSON (with or without the schema wrapper) by default; the processor also passes registry Avro. */
    decode?: (value: Uint8Array | null) => EnvelopeDecodeResult;
  },
): readonly Admitted[] =>
  values.map((value, index): Admitted => {
    const decoded = decode(value);
    if (decoded.kind === 'invalid') return { kind: 'reject', index, reason: decoded.reason, detail: decoded.detail };
    if (decoded.kind === 'tombstone') return { kind: 'skip', index, why: 'tombstone' };
    if (decoded.event.source.table !== table) return { kind: 'skip', index, why: 'other_table' };
    const admission = filter.admit(decoded.event);
    if (admission === 'redelivery' || admission === 'incremental_snapshot') return { kind: 'skip', index, why: admission };
    return { kind: 'event', index, event: decoded.event, restate: admission === 'snapshot_start' };
  });
