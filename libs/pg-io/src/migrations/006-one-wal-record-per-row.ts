import { sql, type Kysely, type Migration } from 'kysely';

/**
 * A no-op BEFORE INSERT row trigger on `employee_activities`. PostgreSQL's COPY writes rows as
 * multi-insert WAL records (every row of a heap page at one LSN) unless the table has such a
 * trigger; with it, each row is a WAL record of its own. Debezium 3.7.0 loses the rest of a
 * same-LSN run when Connect dies right after flushing an offset at the run's first event (its
 * WalPositionLocator counts events per LSN only from two on, and resumes at the next LSN): seen
 * here, 89 rows of one COPY page never sent. One LSN per row takes COPY out of that case. The
 * re-delivery rule still handles runs (primary-key updates; tables without the trigger).
 * See docs/guarantees.md.
 */
export const oneWalRecordPerRow: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE OR REPLACE FUNCTION eap_one_wal_record_per_row() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'`.execute(db);
    await sql`DROP TRIGGER IF EXISTS eap_one_wal_record_per_row ON employee_activities`.execute(db);
    await sql`CREATE TRIGGER eap_one_wal_record_per_row BEFORE INSERT ON employee_activities FOR EACH ROW EXECUTE FUNCTION eap_one_wal_record_per_row()`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TRIGGER IF EXISTS eap_one_wal_record_per_row ON employee_activities`.execute(db);
    await sql`DROP FUNCTION IF EXISTS eap_one_wal_record_per_row()`.execute(db);
  },
};
