import { decodeJsonEnvelope, type ChangeEvent, type EnvelopeDecodeResult, type EnvelopeRejectReason, type RedeliveryFilter } from '@eap/debezium-envelope';

/** What the processor does with one input record before enrichment. */
export type Admitted =
  | { readonly kind: 'event'; readonly index: number; readonly event: ChangeEvent }
  | { readonly kind: 'skip'; readonly index: number; readonly why: 'redelivery' | 'tombstone' | 'other_table' }
  | { readonly kind: 'reject'; readonly index: number; readonly reason: EnvelopeRejectReason; readonly detail: string };

/**
 * Decodes a batch of one input partition and applies SPEC section 4's re-delivery rule: events at or
 * behind the highest position seen on the partition are skipped. Tombstones (after deletes) carry
 * nothing to process. Records that do not decode are rejected with their reason, for the DLQ.
 */
export const admitActivityRecords = (
  values: readonly (Uint8Array | null)[],
  {
    partitionKey,
    filter,
    table = 'employee_activities',
    decode = decodeJsonEnvelope,
  }: {
    partitionKey: string;
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
    return filter.admit(partitionKey, decoded.event) === 'redelivery' ? { kind: 'skip', index, why: 'redelivery' } : { kind: 'event', index, event: decoded.event };
  });
