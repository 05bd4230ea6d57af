import type { TrafficOp } from '@eap/activity-traffic';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { StreamingDb } from './streaming-db-schema.js';

/** Updates of one column, applied to many rows in one statement. */
const COLUMNS = {
  duration_seconds: 'int',
  activity_type: 'text',
  page_url: 'text',
  employee_id: 'int',
  activity_timestamp: 'timestamp',
} as const;
type Column = keyof typeof COLUMNS;

/** `UPDATE ... SET c = v.c, ... FROM (VALUES (id, ...), ...) v WHERE id = v.id`, parameterised, for updates changing the same columns. */
const updateRows = (columns: readonly Column[], rows: readonly (readonly [number, Readonly<Record<string, unknown>>])[]): RawBuilder<unknown> => {
  const values = sql.join(rows.map(([id, set]) => sql`(${sql.join([sql`${id}::int`, ...columns.map((c) => sql`${set[c]}::${sql.raw(COLUMNS[c])}`)])})`));
  const assignments = sql.join(columns.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`));
  return sql`UPDATE employee_activities AS a SET ${assignments} FROM (VALUES ${values}) AS v(id, ${sql.join(columns.map((c) => sql.ref(c)))}) WHERE a.id = v.id`;
};

/**
 * Writes one planned batch in one transaction: a multi-row insert, one update per set of changed columns
 * and one delete: each row changes once, and thousands of rows a second cost a handful of
 * statements. Returns the inserted rows' ids in the order of the batch's inserts.
 */
export const writeTrafficBatch = (db: Kysely<StreamingDb>, ops: readonly TrafficOp[]): Promise<readonly number[]> =>
  db.transaction().execute(async (tx) => {
    const rows = ops.flatMap((o) => (o.kind === 'insert' ? [o.row] : []));
    const inserted =
      rows.length === 0
        ? []
        : await tx
            .insertInto('employee_activities')
            .values([...rows])
            .returning('id')
            .execute();
    const byColumns = new Map<string, [number, Readonly<Record<string, unknown>>][]>();
    for (const o of ops) {
      if (o.kind !== 'update') continue;
      const key = Object.keys(o.set).sort().join(',');
      const rows = byColumns.get(key);
      if (rows) rows.push([o.id, o.set]);
      else byColumns.set(key, [[o.id, o.set]]);
    }
    for (const [key, rows] of byColumns) await updateRows(key.split(',') as Column[], rows).execute(tx);
    const deleted = ops.flatMap((o) => (o.kind === 'delete' ? [o.id] : []));
    if (deleted.length > 0) await tx.deleteFrom('employee_activities').where('id', 'in', deleted).execute();
    // Ids come from the sequence in VALUES order; sorting guards against any reordering of RETURNING.
    return inserted.map((r) => r.id).sort((a, b) => a - b);
  });

/** The employees the simulator may write activities for. */
export const employeeIds = async (db: Kysely<StreamingDb>): Promise<readonly number[]> =>
  (await db.selectFrom('employees').select('id').orderBy('id').execute()).map((r) => r.id);
