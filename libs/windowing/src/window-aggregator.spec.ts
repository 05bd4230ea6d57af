import type { WindowAggregatorOptions } from './window-aggregator.js';
import { createWindowAggregator, restoreWindowAggregator } from './window-aggregator.js';
import type { ActivityChange, ActivityRowKind } from './window-input.js';
import type { WindowOutput } from './window-output.js';
import { defaultWindowingConfig } from './windowing-config.js';

const micros = (iso: string): number => Date.parse(`${iso}Z`) * 1000;
const HOUR = 3_600_000_000;

const change = (row_kind: ActivityRowKind, employee_id: number, activity_type: string, at: string, duration_seconds: number | null): ActivityChange => ({
  row_kind,
  employee_id,
  activity_type,
  activity_timestamp: micros(at),
  duration_seconds,
});

/** An aggregator whose wall clock the test moves; it starts on 2024-01-15 at 12:00. */
const setup = (config: Partial<WindowAggregatorOptions['config']> = {}) => {
  let now = micros('2024-01-15T12:00:00');
  const aggregator = createWindowAggregator({ config: { ...defaultWindowingConfig, ...config }, now: () => now });
  return { aggregator, setNow: (iso: string) => (now = micros(iso)), now: () => now };
};

const keys = (outputs: readonly WindowOutput[]) => outputs.map((o) => `${o.kind} ${o.key}`);

describe('createWindowAggregator', () => {
  it('sums a group with SQL semantics and keys it by employee, type and window start', () => {
    const { aggregator } = setup();
    aggregator.apply(change('+I', 7, 'page_view', '2024-01-15T09:30:12.345678', 45), 0);
    aggregator.apply(change('+I', 7, 'page_view', '2024-01-15T09:59:59.999999', 30), 0);
    aggregator.apply(change('+I', 7, 'page_view', '2024-01-15T09:00:00', null), 0);
    expect(aggregator.flush()).toEqual([
      {
        kind: 'upsert',
        key: '7|page_view|2024-01-15T09:00:00.000Z',
        summary: {
          employee_id: 7,
          activity_type: 'page_view',
          window_start: micros('2024-01-15T09:00:00'),
          window_end: micros('2024-01-15T10:00:00'),
          activity_count: 3,
          duration_count: 2,
          total_duration: 75,
          avg_duration: 37.5,
          revision: 1,
          closed: false,
        },
      },
    ]);
  });

  it('gives NULL sum and average when every duration is NULL', () => {
    const { aggregator } = setup();
    aggregator.apply(change('+I', 7, 'login', '2024-01-15T09:10:00', null), 0);
    expect(aggregator.flush()).toMatchObject([{ summary: { activity_count: 1, duration_count: 0, total_duration: null, avg_duration: null } }]);
  });

  it('separates windows at the hour and groups by employee and type', () => {
    const { aggregator } = setup();
    aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:59:59.999999', 1), 0);
    aggregator.apply(change('+I', 7, 'click', '2024-01-15T10:00:00', 1), 0);
    aggregator.apply(change('+I', 8, 'click', '2024-01-15T10:00:00', 1), 0);
    aggregator.apply(change('+I', 8, 'search', '2024-01-15T10:00:00', 1), 0);
    expect(keys(aggregator.flush()).sort()).toEqual([
      'upsert 7|click|2024-01-15T09:00:00.000Z',
      'upsert 7|click|2024-01-15T10:00:00.000Z',
      'upsert 8|click|2024-01-15T10:00:00.000Z',
      'upsert 8|search|2024-01-15T10:00:00.000Z',
    ]);
  });

  it('writes one record per changed key per flush, with the latest value', () => {
    const { aggregator } = setup();
    for (let i = 0; i < 5; i++) aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', i), 0);
    aggregator.apply(change('-D', 7, 'click', '2024-01-15T09:00:00', 4), 0);
    expect(aggregator.flush()).toMatchObject([{ summary: { activity_count: 4, total_duration: 6, revision: 1 } }]);
    expect(aggregator.flush()).toEqual([]);
  });

  it('retracts a moved row from its old group and adds it to the new one', () => {
    const { aggregator } = setup();
    aggregator.apply(change('+I', 7, 'page_view', '2024-01-15T09:30:00', 45), 0);
    aggregator.apply(change('+I', 7, 'page_view', '2024-01-15T09:40:00', 15), 0);
    aggregator.flush();
    aggregator.apply(change('-U', 7, 'page_view', '2024-01-15T09:30:00', 45), 0);
    aggregator.apply(change('+U', 9, 'click', '2024-01-15T10:05:00', 300), 1);
    expect(aggregator.flush()).toEqual([
      expect.objectContaining({
        key: '7|page_view|2024-01-15T09:00:00.000Z',
        summary: expect.objectContaining({ activity_count: 1, total_duration: 15, revision: 2 }),
      }),
      expect.objectContaining({
        key: '9|click|2024-01-15T10:00:00.000Z',
        summary: expect.objectContaining({ activity_count: 1, total_duration: 300, revision: 1 }),
      }),
    ]);
  });

  it('tombstones a group whose rows are all gone, and keeps counting its revision', () => {
    const { aggregator } = setup();
    aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', 5), 0);
    aggregator.flush();
    aggregator.apply(change('-D', 7, 'click', '2024-01-15T09:00:00', 5), 0);
    expect(aggregator.flush()).toEqual([{ kind: 'tombstone', key: '7|click|2024-01-15T09:00:00.000Z' }]);
    aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', 8), 0);
    expect(aggregator.flush()).toMatchObject([{ kind: 'upsert', summary: { activity_count: 1, revision: 3 } }]);
    expect(aggregator.stats()).toMatchObject({ groups: 1, liveKeys: 1 });
  });

  it('writes nothing for a group that appears and disappears between flushes', () => {
    const { aggregator } = setup();
    aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', 5), 0);
    aggregator.apply(change('-D', 7, 'click', '2024-01-15T09:00:00', 5), 0);
    expect(aggregator.flush()).toEqual([]);
  });

  describe('a retraction that overtakes its add', () => {
    it('holds the group, writing nothing, until the add arrives', () => {
      const { aggregator } = setup();
      aggregator.apply(change('-U', 7, 'click', '2024-01-15T09:00:00', 10), 1);
      expect(aggregator.flush()).toEqual([]);
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', 10), 0);
      expect(aggregator.flush()).toEqual([]);
      expect(aggregator.summaries()).toEqual([]);
    });

    it('holds a live group instead of writing a wrong value or a tombstone', () => {
      const { aggregator } = setup();
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', null), 0);
      aggregator.flush();
      // The retraction of a row with a duration, whose add (on another partition) is still on its way.
      aggregator.apply(change('-D', 7, 'click', '2024-01-15T09:10:00', 10), 1);
      expect(aggregator.flush()).toEqual([]);
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:10:00', 10), 0);
      expect(aggregator.flush()).toMatchObject([{ kind: 'upsert', summary: { activity_count: 1, duration_count: 0, total_duration: null, revision: 2 } }]);
    });
  });

  it('tombstones, on a truncate, the live groups fed from that partition only', () => {
    const { aggregator } = setup();
    aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', 5), 0);
    aggregator.apply(change('+I', 8, 'click', '2024-01-15T09:00:00', 5), 1);
    aggregator.apply(change('+I', 9, 'click', '2024-01-15T09:00:00', 5), 0);
    aggregator.flush();
    aggregator.apply({ row_kind: 'T' }, 0);
    expect(keys(aggregator.flush()).sort()).toEqual(['tombstone 7|click|2024-01-15T09:00:00.000Z', 'tombstone 9|click|2024-01-15T09:00:00.000Z']);
    aggregator.apply({ row_kind: 'T' }, 1);
    expect(keys(aggregator.flush())).toEqual(['tombstone 8|click|2024-01-15T09:00:00.000Z']);
    expect(aggregator.stats().liveKeys).toBe(0);
  });

  describe('watermark and closing', () => {
    it('emits a window closed once the watermark (max event time - grace) passes its end', () => {
      const { aggregator } = setup({ graceSeconds: 60 });
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:30:00', 5), 0);
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T10:00:59', 5), 0);
      expect(aggregator.flush().map((o) => o.kind === 'upsert' && o.summary.closed)).toEqual([false, false]);
      aggregator.apply(change('+I', 8, 'login', '2024-01-15T10:01:00', 5), 0);
      const closing = aggregator.flush();
      expect(closing).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ key: '7|click|2024-01-15T09:00:00.000Z', summary: expect.objectContaining({ closed: true, revision: 2 }) }),
        ]),
      );
      expect(closing).toHaveLength(2);
      expect(aggregator.stats()).toMatchObject({ watermark: micros('2024-01-15T10:00:00'), openWindows: 1 });
    });

    it('takes corrections to a closed window and says it is closed', () => {
      const { aggregator } = setup({ graceSeconds: 0 });
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:30:00', 5), 0);
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T11:00:00', 5), 0);
      aggregator.flush();
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:45:00', 7), 0);
      expect(aggregator.flush()).toMatchObject([{ summary: { activity_count: 2, total_duration: 12, closed: true } }]);
    });

    it('does not let a row from the future move the watermark beyond the wall clock plus skew', () => {
      const { aggregator } = setup({ graceSeconds: 0, maxSkewSeconds: 300 });
      aggregator.apply(change('+I', 7, 'click', '2030-01-01T00:00:00', 5), 0);
      expect(aggregator.stats().watermark).toBe(micros('2024-01-15T12:05:00'));
    });

    it('closes windows on an idle pipeline when idle advance is on', () => {
      const { aggregator, setNow } = setup({ graceSeconds: 60, idleAdvanceSeconds: 30 });
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T11:59:00', 5), 0);
      aggregator.flush();
      setNow('2024-01-15T12:01:30');
      expect(aggregator.flush()).toMatchObject([{ summary: { closed: true } }]);
    });
  });

  describe('retention', () => {
    it('classifies a change to a window past retention as late, and leaves state alone', () => {
      const { aggregator } = setup({ graceSeconds: 0, retentionHours: 2 });
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T12:00:00', 5), 0);
      aggregator.flush();
      // The 09:00 window ends exactly 2 h before the watermark: still within retention.
      expect(aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:59:59.999999', 5), 0)).toEqual({ kind: 'applied' });
      expect(aggregator.apply(change('+I', 7, 'click', '2024-01-15T08:59:59.999999', 5), 0)).toEqual({
        kind: 'late',
        reason: 'late',
        detail: 'window 2024-01-15T08:00:00.000Z of employee 7 ended more than 2 h before the watermark 2024-01-15T12:00:00.000Z',
      });
      expect(aggregator.stats()).toMatchObject({ lateCount: 1, groups: 2 });
    });

    it('releases the state of windows past retention', () => {
      const { aggregator, setNow } = setup({ graceSeconds: 0, retentionHours: 1 });
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', 5), 0);
      aggregator.apply(change('+I', 8, 'click', '2024-01-15T09:00:00', 5), 0);
      aggregator.flush();
      setNow('2024-01-15T12:00:00');
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T11:00:01', 5), 0);
      aggregator.flush();
      expect(aggregator.stats()).toMatchObject({ groups: 1, liveKeys: 1 });
      expect(aggregator.summaries().map((s) => s.window_start)).toEqual([micros('2024-01-15T11:00:00')]);
    });
  });

  it.each([
    ['an unknown row kind', { row_kind: '+X' as ActivityRowKind }],
    ['a fractional employee id', { employee_id: 1.5 }],
    ['an employee id beyond 32 bits', { employee_id: 2 ** 31 }],
    ['a timestamp beyond 2^53', { activity_timestamp: 2 ** 53 }],
    ['a fractional duration', { duration_seconds: 0.5 }],
  ])('rejects %s as invalid_field without touching state', (_, patch) => {
    const { aggregator } = setup();
    const outcome = aggregator.apply({ ...change('+I', 7, 'click', '2024-01-15T09:00:00', 5), ...patch }, 0);
    expect(outcome).toMatchObject({ kind: 'invalid', reason: 'invalid_field' });
    expect(aggregator.stats().groups).toBe(0);
  });

  it('refuses a partition it cannot store', () => {
    const { aggregator } = setup();
    expect(() => aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', 5), 32_768)).toThrow(RangeError);
  });

  it('refuses more distinct activity types than it can store', () => {
    const { aggregator } = setup();
    for (let i = 0; i < 32_767; i++) expect(aggregator.apply(change('+I', 7, `type ${i}`, '2024-01-15T09:00:00', 5), 0).kind).toBe('applied');
    expect(aggregator.apply(change('+I', 7, 'one too many', '2024-01-15T09:00:00', 5), 0)).toMatchObject({ kind: 'invalid', reason: 'invalid_field' });
    expect(aggregator.apply(change('+I', 8, 'type 0', '2024-01-15T09:00:00', 5), 0).kind).toBe('applied');
  });

  it('keeps durations exact beyond 32-bit sums', () => {
    const { aggregator } = setup();
    for (let i = 0; i < 4; i++) aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', 2_147_483_647), 0);
    expect(aggregator.flush()).toMatchObject([{ summary: { total_duration: 8_589_934_588, avg_duration: 2_147_483_647 } }]);
  });

  describe('snapshot', () => {
    it('restores state, watermark, closing progress, revisions and late count', () => {
      const { aggregator, now } = setup({ graceSeconds: 0, retentionHours: 1 });
      aggregator.apply(change('+I', 7, 'página', '2024-01-15T09:00:00', 5), 0);
      aggregator.apply(change('+I', 8, 'click', '2024-01-15T11:30:00', null), 3);
      aggregator.apply(change('+I', 8, 'click', '2024-01-15T08:00:00', null), 3);
      aggregator.flush();
      const restored = restoreWindowAggregator(aggregator.snapshot(), { config: { ...defaultWindowingConfig, graceSeconds: 0, retentionHours: 1 }, now });
      if (restored.kind !== 'ok') throw new Error(restored.detail);
      expect(restored.aggregator.stats()).toEqual(aggregator.stats());
      expect(restored.aggregator.summaries()).toEqual(aggregator.summaries());
      for (const a of [aggregator, restored.aggregator]) {
        a.apply(change('+I', 8, 'click', '2024-01-15T11:40:00', 4), 3);
        a.apply({ row_kind: 'T' }, 0);
      }
      expect(restored.aggregator.flush()).toEqual(aggregator.flush());
    });

    it.each([
      ['empty bytes', new Uint8Array(0)],
      ['another format', new TextEncoder().encode('{"groups":[]}')],
    ])('rejects %s', (_, bytes) => {
      expect(restoreWindowAggregator(bytes)).toMatchObject({ kind: 'invalid' });
    });

    it('rejects a truncated or corrupted snapshot', () => {
      const { aggregator } = setup();
      aggregator.apply(change('+I', 7, 'click', '2024-01-15T09:00:00', 5), 0);
      const bytes = aggregator.snapshot();
      expect(restoreWindowAggregator(bytes.subarray(0, bytes.length - 1))).toMatchObject({ kind: 'invalid' });
      const wrongVersion = Uint8Array.from(bytes);
      wrongVersion[4] = 9;
      expect(restoreWindowAggregator(wrongVersion)).toMatchObject({ kind: 'invalid', detail: 'window snapshot: version 9 is not 1' });
      const badType = Uint8Array.from(bytes);
      new DataView(badType.buffer).setInt32(badType.length - 35 + 4, 5, true);
      expect(restoreWindowAggregator(badType)).toMatchObject({ kind: 'invalid' });
    });
  });

  it('counts windows as hours of the wall clock, before 1970 too', () => {
    const { aggregator } = setup();
    aggregator.apply(change('+I', 7, 'click', '1969-12-31T23:59:59.999999', 5), 0);
    expect(aggregator.flush()).toMatchObject([{ key: '7|click|1969-12-31T23:00:00.000Z', summary: { window_start: -HOUR, window_end: 0 } }]);
  });
});
