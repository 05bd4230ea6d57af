import { admitChange, checkPartition } from './change-admission.js';
import { MAX_PARTITION, MAX_TYPE_ID } from './group-table.js';
import { createStringInterner } from './string-interner.js';
import type { ActivityChange } from './window-input.js';
import { createWindowRetention } from './window-retention.js';
import { MICROS_PER_HOUR, hourOf, windowEndOf } from './window-time.js';

const at = Date.parse('2024-01-15T09:30:00Z') * 1000;
const change: ActivityChange = { row_kind: '+I', employee_id: 7, activity_type: 'login', activity_timestamp: at, duration_seconds: 5 };
const deps = (watermark: number | null = null, types = createStringInterner([], MAX_TYPE_ID)) => ({
  retention: createWindowRetention(1),
  types,
  watermark: () => watermark,
});

describe('admitChange', () => {
  it('admits a well-formed change in time, with its hour and type id', () => {
    expect(admitChange(change, deps())).toEqual({ kind: 'admitted', hour: hourOf(at), typeId: 1 });
  });

  it.each([
    [{ row_kind: 'X' }, 'row_kind'],
    [{ employee_id: 2 ** 31 }, 'employee_id'],
    [{ activity_type: 3 }, 'activity_type'],
    [{ activity_timestamp: 1.5 }, 'activity_timestamp'],
    [{ duration_seconds: -(2 ** 31) - 1 }, 'duration_seconds'],
  ])('rejects %j as invalid_field', (patch, field) => {
    const outcome = admitChange({ ...change, ...patch } as unknown as ActivityChange, deps());
    expect(outcome).toMatchObject({ kind: 'invalid', reason: 'invalid_field' });
    expect(outcome.kind !== 'admitted' && outcome.detail).toMatch(new RegExp(`^${field}`));
  });

  it('rejects a change past retention as late without taking a type id', () => {
    const types = createStringInterner([], MAX_TYPE_ID);
    const watermark = windowEndOf(hourOf(at)) + MICROS_PER_HOUR + 1;
    const outcome = admitChange(change, deps(watermark, types));
    expect(outcome).toEqual({
      kind: 'late',
      reason: 'late',
      detail: 'window 2024-01-15T09:00:00.000Z of employee 7 ended more than 1 h before the watermark 2024-01-15T11:00:00.000Z',
    });
    expect(types.values()).toEqual([]);
    expect(admitChange(change, deps(watermark - 1)).kind).toBe('admitted');
  });

  it('rejects a new activity type once the type ids run out', () => {
    const types = createStringInterner(['a'], 1);
    expect(admitChange({ ...change, activity_type: 'a' }, deps(null, types)).kind).toBe('admitted');
    expect(admitChange(change, deps(null, types))).toEqual({
      kind: 'invalid',
      reason: 'invalid_field',
      detail: `more than ${MAX_TYPE_ID} distinct activity types`,
    });
  });
});

describe('checkPartition', () => {
  it('throws on partitions the table cannot pack', () => {
    expect(() => checkPartition(MAX_PARTITION)).not.toThrow();
    for (const bad of [-1, MAX_PARTITION + 1, 1.5, Number.NaN]) expect(() => checkPartition(bad)).toThrow(RangeError);
  });
});
