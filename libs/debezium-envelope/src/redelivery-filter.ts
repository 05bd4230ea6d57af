import type { ChangeEvent } from './change-event.js';
import { isSnapshotRead } from './change-event.js';
import type { SourcePosition } from './source-position.js';
import { comparePositions } from './source-position.js';
import { isRecord } from './value-guards.js';

/**
 * What to do with an event read from an input partition:
 * - `fresh`: beyond every position processed on that partition; process it (and it becomes the highest);
 * - `redelivery`: at or behind the highest position: Debezium sent it again after a restart; skip it;
 * - `snapshot`: a snapshot read; all share the snapshot's LSN, so positions cannot order them.
 *   Process each once: the input offsets, committed with the output, keep them from repeating.
 */
export type Admission = 'fresh' | 'redelivery' | 'snapshot';

/** The highest position per partition key, as decimal strings, for storing beside the offsets. */
export type PositionSnapshot = Readonly<Record<string, readonly [commitLsn: string | null, eventLsn: string]>>;

export interface RedeliveryFilter {
  /** Classifies the event and, when fresh, records its position for the partition. */
  admit(partitionKey: string, event: ChangeEvent): Admission;
  snapshot(): PositionSnapshot;
}

/**
 * The per-partition re-delivery rule of SPEC section 4. Partition keys are the caller's
 * (for example `<topic>/<partition>`). Start from a snapshot to carry the rule across restarts;
 * take one after each committed batch (and restore it after an aborted one).
 */
export const createRedeliveryFilter = (restored: PositionSnapshot = {}): RedeliveryFilter => {
  const highest = new Map<string, SourcePosition>(
    Object.entries(restored).map(([key, [commit, event]]) => [
      key,
      { commitLsn: commit === null ? null : BigInt(commit), eventLsn: BigInt(event) },
    ]),
  );
  return {
    admit: (partitionKey, event) => {
      if (isSnapshotRead(event)) return 'snapshot';
      const seen = highest.get(partitionKey);
      if (seen !== undefined && comparePositions(event.position, seen) <= 0) return 'redelivery';
      highest.set(partitionKey, event.position);
      return 'fresh';
    },
    snapshot: () =>
      Object.fromEntries(
        [...highest].map(([key, p]) => [key, [p.commitLsn === null ? null : String(p.commitLsn), String(p.eventLsn)] as const]),
      ),
  };
};

export type PositionSnapshotResult =
  | { readonly kind: 'ok'; readonly snapshot: PositionSnapshot }
  | { readonly kind: 'invalid'; readonly detail: string };

const LSN = /^\d{1,20}$/;

/** Validates a snapshot read back from storage (for example after JSON.parse). */
export const readPositionSnapshot = (value: unknown): PositionSnapshotResult => {
  if (!isRecord(value)) return { kind: 'invalid', detail: 'position snapshot must be an object' };
  for (const [key, entry] of Object.entries(value)) {
    const valid =
      Array.isArray(entry) &&
      entry.length === 2 &&
      (entry[0] === null || (typeof entry[0] === 'string' && LSN.test(entry[0]))) &&
      typeof entry[1] === 'string' &&
      LSN.test(entry[1]);
    if (!valid) return { kind: 'invalid', detail: `position for ${JSON.stringify(key)} must be [lsn|null, lsn]` };
  }
  return { kind: 'ok', snapshot: value as PositionSnapshot };
};
