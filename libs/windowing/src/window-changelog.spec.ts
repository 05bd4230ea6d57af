import { createWindowAggregator, restoreFromChangelog } from './window-aggregator.js';
import { decodeChangelogEntry, decodeWindowMeta, encodeGroupKey, encodeGroupValue, encodeWindowMeta } from './window-changelog.js';

const micros = (iso: string): number => Date.parse(`${iso}Z`) * 1000;

describe('the window changelog', () => {
  it('round-trips a group state and a release', () => {
    const key = encodeGroupKey(-7, 'página_vista', 480_000);
    const state = { count: 3, durations: 2, sum: 75.5, revision: 4_000_000_000, published: true, partition: 12 };
    expect(decodeChangelogEntry(key, encodeGroupValue(state))).toEqual({
      kind: 'state',
      state: { employee: -7, activityType: 'página_vista', hour: 480_000, ...state },
    });
    expect(decodeChangelogEntry(key, null)).toEqual({ kind: 'released', employee: -7, activityType: 'página_vista', hour: 480_000 });
  });

  it('rejects what it did not write', () => {
    expect(decodeChangelogEntry(null, null)).toMatchObject({ kind: 'invalid' });
    expect(decodeChangelogEntry(new Uint8Array(8), null)).toMatchObject({ kind: 'invalid' });
    expect(decodeChangelogEntry(encodeGroupKey(1, 'x', 1), new Uint8Array(5))).toMatchObject({ kind: 'invalid', detail: expect.stringContaining('5 bytes') });
    expect(decodeChangelogEntry(new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 0xff]), null)).toMatchObject({
      kind: 'invalid',
      detail: expect.stringContaining('UTF-8'),
    });
  });

  it('keeps the window metadata, and reads none as the empty state', () => {
    const meta = { watermark: micros('2024-01-15T11:59:00'), closedThrough: micros('2024-01-15T11:00:00'), lateCount: 3 };
    expect(decodeWindowMeta(encodeWindowMeta(meta))).toEqual({ kind: 'ok', meta });
    expect(decodeWindowMeta(encodeWindowMeta({ ...meta, retentionHours: 48 }))).toEqual({ kind: 'ok', meta: { ...meta, retentionHours: 48 } });
    expect(decodeWindowMeta(null)).toEqual({ kind: 'ok', meta: { watermark: null, closedThrough: null, lateCount: 0 } });
    expect(decodeWindowMeta('{"watermark":"soon"}')).toMatchObject({ kind: 'invalid' });
    expect(decodeWindowMeta('not json')).toMatchObject({ kind: 'invalid' });
  });

  it('restores the latest state per key, tombstoned groups keeping their revision', () => {
    const a = createWindowAggregator({ now: () => micros('2024-01-15T12:00:00') });
    const log: { key: Uint8Array; value: Uint8Array | null }[] = [];
    const flush = () => {
      const out = a.flush();
      log.push(...a.takeChangelog());
      return out;
    };
    const row = (row_kind: '+I' | '-D', employee_id: number, at: string) => ({
      row_kind,
      employee_id,
      activity_type: 'click',
      activity_timestamp: micros(at),
      duration_seconds: 10,
    });
    a.apply(row('+I', 1, '2024-01-15T09:10:00'), 0);
    a.apply(row('+I', 2, '2024-01-15T09:20:00'), 0);
    flush();
    a.apply(row('-D', 2, '2024-01-15T09:20:00'), 0);
    expect(flush()).toEqual([{ kind: 'tombstone', key: '2|click|2024-01-15T09:00:00.000Z' }]);

    const restore = restoreFromChangelog({ now: () => micros('2024-01-15T12:00:00') });
    for (const e of log) expect(restore.put(e.key, e.value)).toEqual({ kind: 'ok' });
    const b = restore.finish(a.meta());
    expect(b.summaries()).toEqual(a.summaries());
    expect(b.stats()).toEqual(a.stats());
    // the tombstoned key comes back with the next revision, not 1
    b.apply(row('+I', 2, '2024-01-15T09:25:00'), 0);
    expect(b.flush()).toMatchObject([{ kind: 'upsert', summary: { employee_id: 2, revision: 3 } }]);
    expect(b.takeChangelog()).toHaveLength(1);
  });
});
