import type { ActivitySummary } from './activity-summary.js';
import { admitChange, checkPartition } from './change-admission.js';
import { createGroupChangelogRecorder } from './group-changelog-recorder.js';
import { createGroupPublisher } from './group-publisher.js';
import { GroupTable, MAX_PARTITION, MAX_TYPE_ID, PUBLISHED } from './group-table.js';
import { createStringInterner } from './string-interner.js';
import { createWatermarkClock } from './watermark-clock.js';
import type { ChangelogEntry, WindowMeta } from './window-changelog.js';
import { decodeChangelogEntry } from './window-changelog.js';
import { createWindowCloseTracker } from './window-close-tracker.js';
import type { ApplyOutcome, WindowInput } from './window-input.js';
import type { WindowOutput } from './window-output.js';
import { createWindowRetention } from './window-retention.js';
import type { WindowStateParts } from './window-snapshot.js';
import { decodeWindowSnapshot, encodeWindowSnapshot } from './window-snapshot.js';
import { windowEndOf } from './window-time.js';
import type { WindowingConfig } from './windowing-config.js';
import { defaultWindowingConfig } from './windowing-config.js';

export interface WindowAggregatorOptions {
  readonly config?: WindowingConfig;
  /** The wall clock as wall-clock epoch micros, on the scale of activity timestamps (mind the database's zone). */
  readonly now?: () => number;
}

export interface WindowStats {
  /** Groups held in state (within retention), including emptied ones kept for their revision. */
  readonly groups: number;
  /** Keys whose latest record is an upsert. */
  readonly liveKeys: number;
  /** Windows with groups that the watermark has not passed. */
  readonly openWindows: number;
  readonly watermark: number | null;
  readonly lateCount: number;
}

/**
 * Hourly tumbling windows per employee and activity type over a changelog, exact under
 * retractions (SPEC section 6). Feed every record with `apply`, then `flush` to get the records
 * for the summaries topic: one per changed key, the latest value or a tombstone.
 */
export interface WindowAggregator {
  /** Adds (`+I`, `+U`) or retracts (`-U`, `-D`) one row; `T` empties the groups fed from that partition. */
  apply(input: WindowInput, partition: number): ApplyOutcome;
  /** Advances time (idle advance, closing, retention) and returns the records to write. */
  flush(): readonly WindowOutput[];
  /** The current value of every group that has rows (what the summaries topic holds after a flush). */
  summaries(): ActivitySummary[];
  stats(): WindowStats;
  /**
   * The whole state, compact and binary, for `restoreWindowAggregator`; changes not flushed yet stay
   * pending in it. The property tests and the windowing benchmark use it; the apps keep state in the changelog.
   */
  snapshot(): Uint8Array;
  /**
   * The group states changed by the flushes since the last call (tombstones for released groups):
   * write them to a compacted topic with the flush's records, and `restoreFromChangelog` rebuilds
   * the state from the latest per key plus `meta()`.
   */
  takeChangelog(): readonly ChangelogEntry[];
  /** Watermark, closing point and late count: the part of the state the changelog records do not hold. */
  meta(): WindowMeta;
}

const APPLIED: ApplyOutcome = { kind: 'applied' };

export const createWindowAggregator = (options: WindowAggregatorOptions = {}): WindowAggregator =>
  buildAggregator(options, { watermark: null, closedThrough: null, lateCount: 0, activityTypes: [], table: new GroupTable() });

export type RestoreResult = { readonly kind: 'ok'; readonly aggregator: WindowAggregator } | { readonly kind: 'invalid'; readonly detail: string };

/** Continues from a snapshot (for example after a crash); the options should be the ones it ran with. */
export const restoreWindowAggregator = (snapshot: Uint8Array, options: WindowAggregatorOptions = {}): RestoreResult => {
  const decoded = decodeWindowSnapshot(snapshot);
  return decoded.kind === 'ok' ? { kind: 'ok', aggregator: buildAggregator(options, decoded.parts) } : decoded;
};

export interface ChangelogRestore {
  /** One changelog record, in log order (later records of a key replace earlier ones). */
  put(key: Uint8Array | null, value: Uint8Array | null): { readonly kind: 'ok' } | { readonly kind: 'invalid'; readonly detail: string };
  readonly groups: number;
  /** The aggregator as of the commit that wrote the last record read and `meta`. */
  finish(meta: WindowMeta): WindowAggregator;
}

const OK = { kind: 'ok' } as const;

/**
 * Rebuilds an aggregator from its changelog, record by record, without holding the records.
 * Released groups are kept empty until the first flush drops their hours again.
 */
export const restoreFromChangelog = (options: WindowAggregatorOptions = {}): ChangelogRestore => {
  const table = new GroupTable();
  const types = createStringInterner([], MAX_TYPE_ID);
  return {
    put(key, value) {
      const entry = decodeChangelogEntry(key, value);
      if (entry.kind === 'invalid') return entry;
      const group = entry.kind === 'state' ? entry.state : entry;
      const type = types.idOf(group.activityType);
      if (type === 0) return { kind: 'invalid', detail: `more than ${MAX_TYPE_ID} distinct activity types` };
      const slot = table.slotOf(group.employee, type, group.hour);
      if (entry.kind === 'state') {
        const s = entry.state;
        table.setState(slot, s.count, s.durations, s.sum);
        table.setRevision(slot, s.revision);
        if (s.partition > MAX_PARTITION) return { kind: 'invalid', detail: `changelog group of partition ${s.partition}` };
        table.setPartitionAndFlags(slot, s.partition, s.published ? PUBLISHED : 0);
      } else {
        table.setState(slot, 0, 0, 0);
        table.setRevision(slot, 0);
        table.setPartitionAndFlags(slot, 0, 0);
      }
      return OK;
    },
    get groups() {
      return table.size;
    },
    finish: (meta) => buildAggregator(options, { ...meta, activityTypes: types.values(), table }),
  };
};

/**
 * Wires the concerns together; each lives in its own file:
 * - state table: `group-table.ts` (groups, dirty queue, groups per hour, published count);
 * - admission (apply or dead-letter): `change-admission.ts`;
 * - watermark and closing: `watermark-clock.ts`, `window-close-tracker.ts`;
 * - records: `group-publisher.ts` (summaries topic), `group-changelog-recorder.ts` (changelog);
 * - retention: `window-retention.ts`.
 * Only the flush order is decided here: close, publish and record the dirty groups, then release.
 */
const buildAggregator = (
  { config = defaultWindowingConfig, now = () => Date.now() * 1000 }: WindowAggregatorOptions,
  state: WindowStateParts,
): WindowAggregator => {
  const clock = createWatermarkClock({
    graceMicros: config.graceSeconds * 1e6,
    maxSkewMicros: config.maxSkewSeconds * 1e6,
    idleAdvanceMicros: config.idleAdvanceSeconds * 1e6,
    now,
    watermark: state.watermark,
  });
  const types = createStringInterner(state.activityTypes, MAX_TYPE_ID);
  const table = state.table;
  const retention = createWindowRetention(config.retentionHours);
  const closing = createWindowCloseTracker(state.closedThrough);
  const publisher = createGroupPublisher(table, types, clock.current);
  const changelog = createGroupChangelogRecorder(table, types);
  const admission = { retention, types, watermark: clock.current };
  let { lateCount } = state;

  const apply = (input: WindowInput, partition: number): ApplyOutcome => {
    checkPartition(partition);
    if (input.row_kind === 'T') {
      truncate(partition);
      return APPLIED;
    }
    const admitted = admitChange(input, admission);
    if (admitted.kind !== 'admitted') {
      if (admitted.kind === 'late') lateCount++;
      return admitted;
    }
    clock.observe(input.activity_timestamp);
    const slot = table.slotOf(input.employee_id, admitted.typeId, admitted.hour);
    table.add(slot, input.row_kind === '+I' || input.row_kind === '+U' ? 1 : -1, input.duration_seconds, partition);
    table.markDirty(slot);
    return APPLIED;
  };

  /**
   * Every group fed from the partition becomes empty; live ones get tombstones at the next flush.
   * A full scan, kept on purpose: a `T` comes once per source-table truncate and partition, and
   * tracking groups per partition would cost a word per slot and an update per change.
   */
  const truncate = (partition: number): void => {
    for (let slot = 0; slot < table.capacity; slot++) {
      if (!table.isUsed(slot) || table.partition(slot) !== partition) continue;
      table.setState(slot, 0, 0, 0);
      table.markDirty(slot);
    }
  };

  /** Marks the live groups of windows the watermark passed since the last flush, to emit them closed. */
  const closeWindows = (): void => {
    const hours = closing.advance(clock.current(), table.hours());
    if (hours.length === 0) return;
    for (const slot of table.slotsOfHours(hours)) if (table.flags(slot) & PUBLISHED) table.markDirty(slot);
  };

  /** Drops the state of windows past retention; their last records stay as they are. */
  const releaseWindows = (): void => {
    const expired = retention.expiredHours(table.hours(), clock.current());
    if (expired.length === 0) return;
    for (const slot of table.slotsOfHours(expired)) changelog.recordRelease(slot);
    publisher.forgetHours(expired);
    const dropped = new Set(expired);
    table.retainHours((hour) => !dropped.has(hour));
  };

  const flush = (): readonly WindowOutput[] => {
    clock.advanceIfIdle();
    closeWindows();
    const outputs: WindowOutput[] = [];
    for (const slot of table.takeDirty()) {
      const output = publisher.publish(slot);
      if (output !== undefined) outputs.push(output);
      changelog.recordState(slot);
    }
    releaseWindows();
    return outputs;
  };

  return {
    apply,
    flush,
    /** A full scan: for tests and tools, not the batch path. */
    summaries: () => {
      const out: ActivitySummary[] = [];
      for (let slot = 0; slot < table.capacity; slot++) if (table.isUsed(slot) && publisher.isBalanced(slot)) out.push(publisher.summaryOf(slot));
      return out;
    },
    stats: () => {
      const watermark = clock.current();
      let openWindows = 0;
      for (const hour of table.hours()) if (watermark === null || windowEndOf(hour) > watermark) openWindows++;
      return { groups: table.size, liveKeys: table.publishedCount, openWindows, watermark, lateCount };
    },
    snapshot: () =>
      encodeWindowSnapshot({ watermark: clock.current(), closedThrough: closing.closedThrough(), lateCount, activityTypes: types.values(), table }),
    takeChangelog: () => changelog.take(),
    meta: () => ({ watermark: clock.current(), closedThrough: closing.closedThrough(), lateCount, retentionHours: config.retentionHours }),
  };
};
