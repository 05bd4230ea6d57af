import { windowStartIso } from './activity-summary.js';
import { MAX_PARTITION, MAX_TYPE_ID } from './group-table.js';
import type { StringInterner } from './string-interner.js';
import type { ActivityChange, ApplyOutcome } from './window-input.js';
import type { WindowRetention } from './window-retention.js';
import { hourOf, windowStartOf } from './window-time.js';

/** A change the aggregator may apply: the window and the interned type it lands in. */
export interface AdmittedChange {
  readonly kind: 'admitted';
  readonly hour: number;
  readonly typeId: number;
}

/** Every outcome that sends a change to the DLQ instead of the state. */
export type RejectedChange = Exclude<ApplyOutcome, { readonly kind: 'applied' }>;

export type Admission = AdmittedChange | RejectedChange;

export interface ChangeAdmissionDeps {
  readonly retention: WindowRetention;
  readonly types: StringInterner;
  readonly watermark: () => number | null;
}

/**
 * The one place that decides whether a change is applied or dead-lettered (`invalid_field` or
 * `late`): the apps route whatever this rejects to the DLQ with the outcome's reason, so a rule
 * added here reaches both the tests and the topic.
 *
 * The order matters: a malformed change is `invalid` whatever its time, and a late change must
 * not take an activity type id, since ids are never given back.
 */
export const admitChange = (input: ActivityChange, { retention, types, watermark }: ChangeAdmissionDeps): Admission => {
  const problem = invalidField(input);
  if (problem !== undefined) return { kind: 'invalid', reason: 'invalid_field', detail: problem };
  const hour = hourOf(input.activity_timestamp);
  const now = watermark();
  if (now !== null && retention.isExpired(hour, now)) {
    const window = `window ${windowStartIso(windowStartOf(hour))} of employee ${input.employee_id}`;
    return { kind: 'late', reason: 'late', detail: `${window} ended more than ${retention.hours} h before the watermark ${windowStartIso(now)}` };
  }
  const typeId = types.idOf(input.activity_type);
  if (typeId === 0) return { kind: 'invalid', reason: 'invalid_field', detail: `more than ${MAX_TYPE_ID} distinct activity types` };
  return { kind: 'admitted', hour, typeId };
};

/** A partition outside the packed table's 15 bits is the caller's bug, not the record's: it throws. */
export const checkPartition = (partition: number): void => {
  if (!(partition >= 0 && partition <= MAX_PARTITION && Number.isInteger(partition))) {
    throw new RangeError(`partition must be an integer 0-${MAX_PARTITION}, got ${partition}`);
  }
};

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const isInt32 = (n: number): boolean => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;

const rowKinds: readonly string[] = ['+I', '-U', '+U', '-D'];

/** Records come decoded from Avro: check what the types promise before it reaches the packed table. */
export const invalidField = (input: ActivityChange): string | undefined => {
  if (!rowKinds.includes(input.row_kind)) return `row_kind must be one of T, ${rowKinds.join(', ')}, got ${String(input.row_kind)}`;
  if (!isInt32(input.employee_id)) return `employee_id must be a 32-bit integer, got ${input.employee_id}`;
  if (typeof input.activity_type !== 'string') return `activity_type must be a string, got ${String(input.activity_type)}`;
  if (!Number.isSafeInteger(input.activity_timestamp)) return `activity_timestamp must be integer microseconds, got ${input.activity_timestamp}`;
  const duration = input.duration_seconds;
  if (duration !== null && !isInt32(duration)) return `duration_seconds must be a 32-bit integer or null, got ${duration}`;
  return undefined;
};
