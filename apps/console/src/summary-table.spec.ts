import { type ActivitySummary, MICROS_PER_HOUR, summaryKey } from '@eap/windowing';
import { createSummaryTable } from './summary-table.js';

const h = (n: number) => Date.UTC(2026, 10, 25, n) * 1000;
const summary = (employee: number, type: string, windowStart: number, count: number): ActivitySummary => ({
  employee_id: employee,
  activity_type: type,
  window_start: windowStart,
  window_end: windowStart + MICROS_PER_HOUR,
  activity_count: count,
  duration_count: count,
  total_duration: count * 10,
  avg_duration: 10,
  revision: 1,
  closed: false,
});
const put = (t: ReturnType<typeof createSummaryTable>, s: ActivitySummary, at = 0) =>
  t.apply(summaryKey(s.employee_id, s.activity_type, s.window_start), s, at);
const departments: Record<number, string> = { 1: 'Engineering', 2: 'Sales' };
const departmentOf = (id: number) => departments[id];

describe('summary table', () => {
  it('keeps the latest version per key, removes tombstoned keys, and filters by employee, department and type', () => {
    const t = createSummaryTable({ maxWindows: 10 });
    put(t, summary(1, 'login', h(9), 1));
    put(t, summary(1, 'login', h(9), 2), 5);
    put(t, summary(2, 'page_view', h(9), 7));
    put(t, summary(2, 'login', h(9), 1));
    expect(t.size).toBe(3);
    expect(t.rows(h(9), {}, departmentOf).map((r) => [r.summary.employee_id, r.summary.activity_type, r.summary.activity_count])).toEqual([
      [2, 'page_view', 7],
      [1, 'login', 2],
      [2, 'login', 1],
    ]);
    expect(t.rows(h(9), { department: 'Engineering' }, departmentOf).map((r) => r.changedAt)).toEqual([5]);
    expect(t.rows(h(9), { employee: 2, type: 'login' }, departmentOf)).toHaveLength(1);
    t.apply(summaryKey(2, 'login', h(9)), null, 9);
    expect(t.size).toBe(2);
    expect(t.types()).toEqual(['login', 'page_view']);
  });

  it('totals activity per hour, oldest first, under the filter', () => {
    const t = createSummaryTable({ maxWindows: 10 });
    put(t, summary(1, 'login', h(10), 4));
    put(t, summary(2, 'login', h(9), 3));
    put(t, summary(1, 'login', h(9), 2));
    expect(t.hourlyTotals({}, departmentOf)).toEqual([
      { windowStart: h(9), count: 5 },
      { windowStart: h(10), count: 4 },
    ]);
    expect(t.hourlyTotals({ department: 'Sales' }, departmentOf).map((x) => x.count)).toEqual([3, 0]);
  });

  it('holds only the latest windows: a newer hour pushes the oldest out, an older one is not taken', () => {
    const t = createSummaryTable({ maxWindows: 2 });
    put(t, summary(1, 'login', h(8), 1));
    put(t, summary(1, 'login', h(9), 1));
    put(t, summary(1, 'login', h(10), 1));
    expect(t.windows()).toEqual([h(10), h(9)]);
    put(t, summary(1, 'login', h(7), 1));
    expect(t.windows()).toEqual([h(10), h(9)]);
    expect(t.size).toBe(2);
  });
});
