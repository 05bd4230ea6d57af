import { sql, type Kysely } from 'kysely';
import type { StreamingDb } from './streaming-db-schema.js';

export interface ActivityGroupRow {
  readonly id: number;
  readonly duration_seconds: number | null;
}

/** The rows of one summary group as SQL has them, and the query as a user can paste it into psql. */
export const activityGroupRows = async (
  db: Kysely<StreamingDb>,
  { employeeId, activityType, windowStart }: { readonly employeeId: number; readonly activityType: string; readonly windowStart: number },
): Promise<{ readonly rows: readonly ActivityGroupRow[]; readonly text: string }> => {
  const start = new Date(windowStart / 1000).toISOString().replace('Z', '').replace('T', ' ');
  const { rows } = await sql<ActivityGroupRow>`
    SELECT id, duration_seconds FROM employee_activities
    WHERE employee_id = ${employeeId} AND activity_type = ${activityType}
      AND activity_timestamp >= ${start}::timestamp AND activity_timestamp < ${start}::timestamp + interval '1 hour'
    ORDER BY id`.execute(db);
  const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const text =
    `SELECT id, duration_seconds FROM employee_activities WHERE employee_id = ${employeeId} AND activity_type = ${literal(activityType)} ` +
    `AND activity_timestamp >= ${literal(start)} AND activity_timestamp < timestamp ${literal(start)} + interval '1 hour' ORDER BY id;`;
  return { rows: rows.map((r) => ({ id: Number(r.id), duration_seconds: r.duration_seconds })), text };
};
