import { sql, type Kysely } from 'kysely';
import type { StreamingDb } from './streaming-db-schema.js';

/** One group of SPEC section 6's GROUP BY, as PostgreSQL computes it. */
export interface SqlSummaryGroup {
  readonly employee_id: number;
  readonly activity_type: string;
  /** date_trunc('hour', activity_timestamp) as wall-clock epoch micros. */
  readonly window_start: number;
  readonly activity_count: number;
  readonly duration_count: number;
  readonly total_duration: number | null;
  readonly avg_duration: number | null;
}

/**
 * The summaries' truth (SPEC section 6), for windows starting after `windowStartAfter` (wall-clock
 * epoch micros; null for all): the query `verify` runs against the aggregator's output.
 */
export const summaryGroupsFromSql = async (db: Kysely<StreamingDb>, windowStartAfter: number | null): Promise<SqlSummaryGroup[]> => {
  const after = windowStartAfter === null ? null : new Date(windowStartAfter / 1000).toISOString().replace('Z', '');
  const { rows } = await sql<{
    employee_id: number;
    activity_type: string;
    window_start: string;
    activity_count: string;
    duration_count: string;
    total_duration: string | null;
    avg_duration: number | null;
  }>`
    SELECT employee_id, activity_type,
           (extract(epoch FROM date_trunc('hour', activity_timestamp)) * 1000000)::bigint AS window_start,
           count(*) AS activity_count, count(duration_seconds) AS duration_count,
           sum(duration_seconds) AS total_duration, avg(duration_seconds)::float8 AS avg_duration
    FROM employee_activities
    WHERE employee_id IS NOT NULL AND activity_timestamp IS NOT NULL
      AND (${after}::timestamp IS NULL OR date_trunc('hour', activity_timestamp) > ${after}::timestamp)
    GROUP BY 1, 2, 3`.execute(db);
  return rows.map((r) => ({
    employee_id: r.employee_id,
    activity_type: r.activity_type,
    window_start: Number(r.window_start),
    activity_count: Number(r.activity_count),
    duration_count: Number(r.duration_count),
    total_duration: r.total_duration === null ? null : Number(r.total_duration),
    avg_duration: r.avg_duration,
  }));
};
