import type { SqlSummaryGroup } from '@eap/pg-io';
import { type ActivitySummary, MICROS_PER_HOUR, summaryKey } from '@eap/windowing';

/** The latest record per key on the summaries topic (keys whose latest record is a tombstone are absent). */
export type LatestSummaries = ReadonlyMap<string, ActivitySummary>;

export interface SummaryMismatch {
  readonly key: string;
  readonly expected: SqlSummaryGroup;
  readonly actual: ActivitySummary;
  /** Which fields differ, for the report. */
  readonly fields: readonly string[];
}

export interface ReconciliationReport {
  /** Windows ending after this (wall-clock epoch micros) were compared; null: all of them. */
  readonly horizon: number | null;
  readonly matched: number;
  readonly mismatched: readonly SummaryMismatch[];
  /** Groups SQL has that the topic lacks. */
  readonly missing: readonly SqlSummaryGroup[];
  /** Live keys on the topic without a group in SQL. */
  readonly extra: readonly ActivitySummary[];
}

/** Averages equal to 1e-9 relative (SPEC section 6); counts and sums exactly. */
const sameAverage = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

const differences = (expected: SqlSummaryGroup, actual: ActivitySummary): string[] => {
  const fields: string[] = [];
  if (actual.activity_count !== expected.activity_count) fields.push('activity_count');
  if (actual.duration_count !== expected.duration_count) fields.push('duration_count');
  if (actual.total_duration !== expected.total_duration) fields.push('total_duration');
  if (!sameAverage(actual.avg_duration, expected.avg_duration)) fields.push('avg_duration');
  return fields;
};

/**
 * Compares the summaries topic with the SQL GROUP BY, key for key, over the windows that end after
 * `horizon` (both sides are filtered the same way, so a caller may pass wider inputs).
 */
export const reconcileSummaries = (sql: readonly SqlSummaryGroup[], topic: LatestSummaries, horizon: number | null): ReconciliationReport => {
  const inHorizon = (windowStart: number) => horizon === null || windowStart + MICROS_PER_HOUR > horizon;
  const expected = new Map(sql.filter((g) => inHorizon(g.window_start)).map((g) => [summaryKey(g.employee_id, g.activity_type, g.window_start), g]));
  let matched = 0;
  const mismatched: SummaryMismatch[] = [];
  const extra: ActivitySummary[] = [];
  for (const [key, actual] of topic) {
    if (!inHorizon(actual.window_start)) continue;
    const group = expected.get(key);
    if (!group) {
      extra.push(actual);
      continue;
    }
    expected.delete(key);
    const fields = differences(group, actual);
    if (fields.length === 0) matched++;
    else mismatched.push({ key, expected: group, actual, fields });
  }
  return { horizon, matched, mismatched, missing: [...expected.values()], extra };
};

export const reconciled = (r: ReconciliationReport): boolean => r.mismatched.length === 0 && r.missing.length === 0 && r.extra.length === 0;
