import type { ActivitySummary } from '@eap/windowing';
import { explainSummary, parseSummaryKey, type PositionedImage, type ProcessedImage } from './summary-explain.js';

const H9 = Date.parse('2024-01-15T09:00:00Z') * 1000;
const at = (minute: number) => H9 + minute * 60_000_000;
const image = (row_kind: string, id: number, over: Partial<ProcessedImage> = {}): ProcessedImage => ({
  row_kind,
  op: row_kind === '+I' ? 'c' : row_kind === '-D' ? 'd' : row_kind === 'T' ? 't' : 'u',
  id,
  employee_id: 7,
  activity_type: 'login',
  duration_seconds: 10,
  activity_timestamp: at(5),
  source_lsn: 1000 + id,
  source_tx_id: 500 + id,
  source_ts_ms: 1_705_309_200_000 + id,
  ...over,
});
const log = (...images: ProcessedImage[]): PositionedImage[] => images.map((image, i) => ({ offset: BigInt(i), image }));
const summary = (count: number, durationCount: number, total: number | null): ActivitySummary => ({
  employee_id: 7,
  activity_type: 'login',
  window_start: H9,
  window_end: H9 + 3_600_000_000,
  activity_count: count,
  duration_count: durationCount,
  total_duration: total,
  avg_duration: total === null ? null : total / durationCount,
  revision: 4,
  closed: false,
});
const key = { employeeId: 7, activityType: 'login', windowStart: H9 };

describe('parseSummaryKey', () => {
  it('reads a key back, a type holding | included', () => {
    expect(parseSummaryKey('7|login|2024-01-15T09:00:00.000Z')).toEqual({ kind: 'ok', parts: key });
    expect(parseSummaryKey('7|a|b|2024-01-15T09:00:00.000Z')).toMatchObject({ kind: 'ok', parts: { activityType: 'a|b' } });
  });

  it.each([
    ['7|login', /two \|/],
    ['x|login|2024-01-15T09:00:00.000Z', /employee id "x"/],
    ['7|login|2024-01-15T09:30:00.000Z', /start of an hour/],
  ])('says why %p is not a key', (text, why) => {
    const parsed = parseSummaryKey(text);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.detail).toMatch(why);
  });
});

describe('explainSummary', () => {
  it('lists inserts, a move out, an update and a delete with their + and -, and they add up to the summary', () => {
    const records = log(
      image('+I', 1),
      image('+I', 2, { duration_seconds: null }),
      image('+I', 3, { duration_seconds: 30 }),
      image('+I', 9, { employee_id: 8 }), // another employee: not this group
      image('-U', 1), // id 1 moves to another type
      image('+U', 1, { activity_type: 'logout' }),
      image('-U', 3, { duration_seconds: 30 }), // id 3's duration changes
      image('+U', 3, { duration_seconds: 45 }),
      image('-D', 2, { duration_seconds: null }),
      image('+I', 4, { activity_timestamp: at(70) }), // the next hour
    );
    const e = explainSummary({ key, partition: 1, records, deadLettered: new Map(), summary: summary(1, 1, 45) });
    expect(e.contributions.map((c) => [c.offset, c.rowKind, c.activityId, c.count, c.duration])).toEqual([
      [0n, '+I', 1, 1, 10],
      [1n, '+I', 2, 1, null],
      [2n, '+I', 3, 1, 30],
      [4n, '-U', 1, -1, -10],
      [6n, '-U', 3, -1, -30],
      [7n, '+U', 3, 1, 45],
      [8n, '-D', 2, -1, null],
    ]);
    expect(e.totals).toEqual({ count: 1, durationCount: 1, totalDuration: 45 });
    expect(e.rows).toEqual([3]);
    expect(e.addsUp).toBe(true);
    expect(e.contributions[0]).toMatchObject({ op: 'c', sourceLsn: 1001, sourceTxId: 501, committedAt: 1_705_309_200_001 });
  });

  it('starts after the last truncate, leaves out what the aggregator dead-lettered, and says when the sum differs', () => {
    const records = log(image('+I', 1), image('T', 0, { employee_id: null, activity_type: null }), image('+I', 2), image('+I', 3));
    const e = explainSummary({ key, partition: 0, records, deadLettered: new Map([[3n, 'late']]), summary: summary(2, 2, 20) });
    expect(e.since).toBe(1n);
    expect(e.contributions.map((c) => c.activityId)).toEqual([2]);
    expect(e.excluded).toEqual([{ offset: 3n, reason: 'late' }]);
    expect(e.addsUp).toBe(false);
    expect(explainSummary({ key, partition: 0, records, deadLettered: new Map([[3n, 'late']]), summary: summary(1, 1, 10) }).addsUp).toBe(true);
  });

  it('adds up to no summary when every row was taken away', () => {
    const e = explainSummary({ key, partition: 0, records: log(image('+I', 1), image('-D', 1)), deadLettered: new Map(), summary: null });
    expect([e.totals.count, e.rows, e.addsUp]).toEqual([0, [], true]);
  });
});
