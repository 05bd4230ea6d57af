import type { ActivitySummary } from './activity-summary.js';
import { windowStartIso } from './activity-summary.js';
import type { GroupTable } from './group-table.js';
import { PUBLISHED } from './group-table.js';
import type { StringInterner } from './string-interner.js';
import type { WindowOutput } from './window-output.js';
import { windowEndOf, windowStartOf } from './window-time.js';

/**
 * Turns groups into what the summaries topic holds: the record a changed group gets, and its
 * current summary. Publishing bumps the group's revision and PUBLISHED flag in the table.
 */
export interface GroupPublisher {
  /**
   * A group's record after a change. Counts are signed because a retraction can overtake its add
   * (records of one group arriving over different partitions). While a group is unbalanced
   * (negative counts, more durations than rows, or a sum without durations) it is held: no record,
   * not even a tombstone, until the missing half arrives. With records keyed by employee, as the
   * processor writes them, a group's changes arrive in order and are never held.
   */
  publish(slot: number): WindowOutput | undefined;
  /** The group's summary; `closed` once the watermark reached the window's end. */
  summaryOf(slot: number): ActivitySummary;
  /** Rows present, and durations consistent with them: a state SQL could give. */
  isBalanced(slot: number): boolean;
  /** Forgets the cached key text of released windows. */
  forgetHours(hours: readonly number[]): void;
}

export const createGroupPublisher = (table: GroupTable, types: StringInterner, watermark: () => number | null): GroupPublisher => {
  /** The ISO start per window, computed once per window rather than once per record. */
  const startIsos = new Map<number, string>();
  const startIsoOf = (hour: number): string => {
    let iso = startIsos.get(hour);
    if (iso === undefined) startIsos.set(hour, (iso = windowStartIso(windowStartOf(hour))));
    return iso;
  };
  /** summaryKey, from the cached start. */
  const keyOf = (slot: number): string => `${table.employee(slot)}|${types.valueOf(table.typeId(slot))}|${startIsoOf(table.hour(slot))}`;

  const isBalanced = (slot: number): boolean => {
    const count = table.count(slot);
    const durations = table.durations(slot);
    return count > 0 && durations >= 0 && durations <= count && (durations > 0 || table.sum(slot) === 0);
  };

  const summaryOf = (slot: number): ActivitySummary => {
    const hour = table.hour(slot);
    const durations = table.durations(slot);
    const sum = table.sum(slot);
    const now = watermark();
    return {
      employee_id: table.employee(slot),
      activity_type: types.valueOf(table.typeId(slot)),
      window_start: windowStartOf(hour),
      window_end: windowEndOf(hour),
      activity_count: table.count(slot),
      duration_count: durations,
      total_duration: durations > 0 ? sum : null,
      avg_duration: durations > 0 ? sum / durations : null,
      revision: table.revision(slot),
      closed: now !== null && windowEndOf(hour) <= now,
    };
  };

  const publish = (slot: number): WindowOutput | undefined => {
    const published = (table.flags(slot) & PUBLISHED) !== 0;
    if (table.count(slot) === 0 && table.durations(slot) === 0 && table.sum(slot) === 0) {
      if (!published) return undefined;
      table.setPublished(slot, false);
      table.setRevision(slot, table.revision(slot) + 1);
      return { kind: 'tombstone', key: keyOf(slot) };
    }
    if (!isBalanced(slot)) return undefined;
    table.setPublished(slot, true);
    table.setRevision(slot, table.revision(slot) + 1);
    return { kind: 'upsert', key: keyOf(slot), summary: summaryOf(slot) };
  };

  return {
    publish,
    summaryOf,
    isBalanced,
    forgetHours: (hours) => {
      for (const hour of hours) startIsos.delete(hour);
    },
  };
};
