import type { SqlSummaryGroup } from '@eap/pg-io';
import type { ActivitySummary } from '@eap/windowing';
import { reconcileSummaries, reconciled } from './summary-reconciliation.js';
import { MICROS_PER_HOUR } from '@eap/windowing';

const T0 = Date.parse('2024-01-15T09:00:00Z') * 1000;

const group = (employee_id: number, hour: number, count: number, durations: (number | null)[] = []): SqlSummaryGroup => {
  const values = durations.filter((d): d is number => d !== null);
  const total = values.length ? values.reduce((a, b) => a + b, 0) : null;
  return {
    employee_id,
    activity_type: 'login',
    window_start: T0 + hour * MICROS_PER_HOUR,
    activity_count: count,
    duration_count: values.length,
    total_duration: total,
    avg_duration: total === null ? null : total / values.length,
  };
};

const summaryOf = (g: SqlSummaryGroup, patch: Partial<ActivitySummary> = {}): ActivitySummary => ({
  ...g,
  window_end: g.window_start + MICROS_PER_HOUR,
  revision: 1,
  closed: false,
  ...patch,
});

const topicOf = (...summaries: ActivitySummary[]) =>
  new Map(summaries.map((s) => [`${s.employee_id}|${s.activity_type}|${new Date(s.window_start / 1000).toISOString()}`, s]));

describe('reconcileSummaries', () => {
  it('matches groups key for key, with averages equal to 1e-9 relative', () => {
    const a = group(1, 0, 3, [10, 20, null]);
    const b = group(2, 1, 1, [null]);
    const report = reconcileSummaries([a, b], topicOf(summaryOf(a, { avg_duration: 15 * (1 + 1e-12) }), summaryOf(b)), null);
    expect(report).toMatchObject({ matched: 2, mismatched: [], missing: [], extra: [] });
    expect(reconciled(report)).toBe(true);
  });

  it('names the fields that differ, and reports missing and extra groups', () => {
    const a = group(1, 0, 3, [10, 20, null]);
    const b = group(2, 0, 1, [5]);
    const c = group(3, 0, 1);
    const report = reconcileSummaries([a, b], topicOf(summaryOf(a, { activity_count: 2, avg_duration: 15.001 }), summaryOf(c)), null);
    expect(report.matched).toBe(0);
    expect(report.mismatched.map((m) => [m.key, m.fields])).toEqual([['1|login|2024-01-15T09:00:00.000Z', ['activity_count', 'avg_duration']]]);
    expect(report.missing).toEqual([b]);
    expect(report.extra.map((s) => s.employee_id)).toEqual([3]);
    expect(reconciled(report)).toBe(false);
  });

  it('tells a NULL sum from a zero sum', () => {
    const a = group(1, 0, 1, [0]);
    expect(reconcileSummaries([a], topicOf(summaryOf(a, { total_duration: null, avg_duration: null, duration_count: 0 })), null).mismatched[0]?.fields).toEqual(
      ['duration_count', 'total_duration', 'avg_duration'],
    );
  });

  it('compares only windows ending after the horizon, on both sides', () => {
    const old = group(1, 0, 2);
    const recent = group(1, 5, 1);
    const horizon = T0 + MICROS_PER_HOUR; // the window of hour 0 ends exactly at the horizon: outside
    const report = reconcileSummaries([old, recent], topicOf(summaryOf(recent), summaryOf(group(9, 0, 1))), horizon);
    expect(report).toMatchObject({ horizon, matched: 1, mismatched: [], missing: [], extra: [] });
  });
});
