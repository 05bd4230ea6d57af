import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { StreamingDb } from './streaming-db-schema.js';

/**
 * Asks Debezium for a blocking snapshot of `employee_activities` through the signal table
 * (`signal.data.collection`): the processor restates the outputs from it. Returns the signal's id.
 */
export const requestBlockingSnapshot = async (db: Kysely<StreamingDb>): Promise<string> => {
  const id = `snapshot-${randomUUID()}`;
  const data = JSON.stringify({ 'data-collections': ['public.employee_activities'], type: 'blocking' });
  await sql`INSERT INTO debezium_signal (id, type, data) VALUES (${id}, 'execute-snapshot', ${data})`.execute(db);
  return id;
};
