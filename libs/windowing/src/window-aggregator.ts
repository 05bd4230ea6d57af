import type { ActivitySummary } from './activity-summary.js';
import { windowStartIso } from './activity-summary.js';
import { GroupTable, MAX_PARTITION, MAX_TYPE_ID, PUBLISHED } from './group-table.js';
import { createStringInterner } from './string-interner.js';
import { createWatermarkClock } from './watermark-clock.js';
import type { ActivityChange, ApplyOutcome, WindowInput } from './window-input.js';
import type { WindowOutput } from './window-output.js';
import type { ChangelogEntry, WindowMeta } from './window-changelog.js';
import { decodeChangelogEntry, encodeGroupKey, encodeGroupValue } from './window-changelog.js';
import type { WindowStateParts } from './window-snapshot.js';
import { decodeWindowSnapshot, encodeWindowSnapshot } from './window-snapshot.js';
import { MICROS_PER_HOUR, hourOf, windowEndOf, windowStartOf } from './window-time.js';
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
  /** The whole state, compact and binary, for `restoreWindowAggregator`; changes not flushed yet stay pending in it. */
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

const buildAggregator = (
  { config = defaultWindowingConfig, now = () => Date.now() * 1000 }: WindowAggregatorOptions,
  state: WindowStateParts,
): WindowAggregator => {
  const retentionMicros = config.retentionHours * MICROS_PER_HOUR;
  const clock = createWatermarkClock({
    graceMicros: config.graceSeconds * 1e6,
    maxSkewMicros: config.maxSkewSeconds * 1e6,
    idleAdvanceMicros: config.idleAdvanceSeconds * 1e6,
    now,
    watermark: state.watermark,
  });
  const types = createStringInterner(state.activityTypes, MAX_TYPE_ID);
  const table = state.table;
  let { closedThrough, lateCount } = state;
  /** The hours that have groups (to close or release windows without a scan), with their ISO start once a key needed it. */
  const windows = new Map<number, string | undefined>();
  const noteWindow = (hour: number) => {
    if (!windows.has(hour)) windows.set(hour, undefined);
  };
  const startIsoOf = (hour: number): string => {
    let iso = windows.get(hour);
    if (iso === undefined) windows.set(hour, (iso = windowStartIso(windowStartOf(hour))));
    return iso;
  };
  let changelog: ChangelogEntry[] = [];
  const groupKeyOf = (slot: number): Uint8Array => encodeGroupKey(table.employee(slot), types.valueOf(table.typeId(slot)), table.hour(slot));
  const recordState = (slot: number): void => {
    const value = encodeGroupValue({
      count: table.count(slot),
      durations: table.durations(slot),
      sum: table.sum(slot),
      revision: table.revision(slot),
      published: (table.flags(slot) & PUBLISHED) !== 0,
      partition: table.partition(slot),
    });
    changelog.push({ key: groupKeyOf(slot), value });
  };
  let liveKeys = 0;
  for (let slot = 0; slot < table.capacity; slot++) {
    if (!table.isUsed(slot)) continue;
    noteWindow(table.hour(slot));
    if (table.flags(slot) & PUBLISHED) liveKeys++;
  }

  const isLate = (hour: number): boolean => {
    const watermark = clock.current();
    return watermark !== null && watermark - windowEndOf(hour) > retentionMicros;
  };

  const apply = (input: WindowInput, partition: number): ApplyOutcome => {
    if (!(partition >= 0 && partition <= MAX_PARTITION && Number.isInteger(partition))) {
      throw new RangeError(`partition must be an integer 0-${MAX_PARTITION}, got ${partition}`);
    }
    if (input.row_kind === 'T') {
      truncate(partition);
      return APPLIED;
    }
    const problem = invalidInput(input);
    if (problem !== undefined) return { kind: 'invalid', reason: 'invalid_field', detail: problem };
    const hour = hourOf(input.activity_timestamp);
    if (isLate(hour)) {
      lateCount++;
      const window = `window ${windowStartIso(windowStartOf(hour))} of employee ${input.employee_id}`;
      const watermark = windowStartIso(clock.current() as number);
      return { kind: 'late', reason: 'late', detail: `${window} ended more than ${config.retentionHours} h before the watermark ${watermark}` };
    }
    const typeId = types.idOf(input.activity_type);
    if (typeId === 0) return { kind: 'invalid', reason: 'invalid_field', detail: `more than ${MAX_TYPE_ID} distinct activity types` };
    clock.observe(input.activity_timestamp);
    const sizeBefore = table.size;
    const slot = table.slotOf(input.employee_id, typeId, hour);
    if (table.size > sizeBefore) noteWindow(hour);
    table.add(slot, input.row_kind === '+I' || input.row_kind === '+U' ? 1 : -1, input.duration_seconds, partition);
    table.markDirty(slot);
    return APPLIED;
  };

  /** Every group fed from the partition becomes empty; live ones get tombstones at the next flush. */
  const truncate = (partition: number): void => {
    for (let slot = 0; slot < table.capacity; slot++) {
      if (!table.isUsed(slot) || table.partition(slot) !== partition) continue;
      table.setState(slot, 0, 0, 0);
      table.markDirty(slot);
    }
  };

  /** Rows present, and durations consistent with them: a state SQL could give. */
  const isBalanced = (slot: number): boolean => {
    const count = table.count(slot);
    const durations = table.durations(slot);
    return count > 0 && durations >= 0 && durations <= count && (durations > 0 || table.sum(slot) === 0);
  };

  const summaryOf = (slot: number): ActivitySummary => {
    const hour = table.hour(slot);
    const durations = table.durations(slot);
    const sum = table.sum(slot);
    const watermark = clock.current();
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
      closed: watermark !== null && windowEndOf(hour) <= watermark,
    };
  };

  /** summaryKey, with the window's ISO start computed once per window. */
  const keyOf = (slot: number): string => `${table.employee(slot)}|${types.valueOf(table.typeId(slot))}|${startIsoOf(table.hour(slot))}`;

  /** Marks the live groups of windows the watermark passed since the last flush, to emit them closed. */
  const closeWindows = (): void => {
    const watermark = clock.current();
    if (watermark === null || (closedThrough !== null && watermark <= closedThrough)) return;
    const passed = (h: number) => windowEndOf(h) <= watermark && (closedThrough === null || windowEndOf(h) > closedThrough);
    const closing = new Set([...windows.keys()].filter(passed));
    closedThrough = watermark;
    if (closing.size === 0) return;
    for (let slot = 0; slot < table.capacity; slot++) {
      if (table.isUsed(slot) && table.flags(slot) & PUBLISHED && closing.has(table.hour(slot))) table.markDirty(slot);
    }
  };

  /** Drops the state of windows past retention; their last records stay as they are. */
  const releaseWindows = (): void => {
    const expired = new Set([...windows.keys()].filter(isLate));
    if (expired.size === 0) return;
    for (const hour of expired) windows.delete(hour);
    for (let slot = 0; slot < table.capacity; slot++) {
      if (!table.isUsed(slot) || !expired.has(table.hour(slot))) continue;
      if (table.flags(slot) & PUBLISHED) liveKeys--;
      changelog.push({ key: groupKeyOf(slot), value: null });
    }
    table.retainHours((hour) => !expired.has(hour));
  };

  const flush = (): readonly WindowOutput[] => {
    clock.advanceIfIdle();
    closeWindows();
    const outputs: WindowOutput[] = [];
    for (const slot of table.takeDirty()) {
      const output = emit(slot);
      if (output !== undefined) outputs.push(output);
      recordState(slot);
    }
    releaseWindows();
    return outputs;
  };

  /**
   * A group's record after a change. Counts are signed because a retraction can overtake its add
   * (records of one group arriving over different partitions). While a group is unbalanced
   * (negative counts, more durations than rows, or a sum without durations) it is held: no record,
   * not even a tombstone, until the missing half arrives. With records keyed by employee, as the
   * processor writes them, a group's changes arrive in order and are never held.
   */
  const emit = (slot: number): WindowOutput | undefined => {
    const published = (table.flags(slot) & PUBLISHED) !== 0;
    if (table.count(slot) === 0 && table.durations(slot) === 0 && table.sum(slot) === 0) {
      if (!published) return undefined;
      table.setPublished(slot, false);
      table.setRevision(slot, table.revision(slot) + 1);
      liveKeys--;
      return { kind: 'tombstone', key: keyOf(slot) };
    }
    if (!isBalanced(slot)) return undefined;
    if (!published) liveKeys++;
    table.setPublished(slot, true);
    table.setRevision(slot, table.revision(slot) + 1);
    return { kind: 'upsert', key: keyOf(slot), summary: summaryOf(slot) };
  };

  return {
    apply,
    flush,
    summaries: () => {
      const out: ActivitySummary[] = [];
      for (let slot = 0; slot < table.capacity; slot++) if (table.isUsed(slot) && isBalanced(slot)) out.push(summaryOf(slot));
      return out;
    },
    stats: () => {
      const watermark = clock.current();
      const openWindows = [...windows.keys()].filter((h) => watermark === null || windowEndOf(h) > watermark).length;
      return { groups: table.size, liveKeys, openWindows, watermark, lateCount };
    },
    snapshot: () => encodeWindowSnapshot({ watermark: clock.current(), closedThrough, lateCount, activityTypes: types.values(), table }),
    takeChangelog: () => {
      const taken = changelog;
      changelog = [];
      return taken;
    },
    meta: () => ({ watermark: clock.current(), closedThrough, lateCount, retentionHours: config.retentionHours }),
  };
};

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const isInt32 = (n: number): boolean => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;

const rowKinds: readonly string[] = ['+I', '-U', '+U', '-D'];

/** Records come decoded from Avro: check what the types promise before it reaches the packed table. */
const invalidInput = (input: ActivityChange): string | undefined => {
  if (!rowKinds.includes(input.row_kind)) return `row_kind must be one of T, ${rowKinds.join(', ')}, got ${String(input.row_kind)}`;
  if (!isInt32(input.employee_id)) return `employee_id must be a 32-bit integer, got ${input.employee_id}`;
  if (typeof input.activity_type !== 'string') return `activity_type must be a string, got ${String(input.activity_type)}`;
  if (!Number.isSafeInteger(input.activity_timestamp)) return `activity_timestamp must be integer microseconds, got ${input.activity_timestamp}`;
  const duration = input.duration_seconds;
  if (duration !== null && !isInt32(duration)) return `duration_seconds must be a 32-bit integer or null, got ${duration}`;
  return undefined;
};
