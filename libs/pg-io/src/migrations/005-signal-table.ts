import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Debezium's signal table (`signal.data.collection`), for blocking snapshots that restate the
 * outputs: `INSERT INTO debezium_signal VALUES ('<id>', 'execute-snapshot',
 * '{"data-collections":["public.employee_activities"],"type":"blocking"}')`. An incremental
 * snapshot (Debezium's default type) would count rows again, as its reads interleave with
 * streaming: the check refuses it at the INSERT, with its name saying why.
 */
export const signalTable: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`CREATE TABLE IF NOT EXISTS debezium_signal (
      id varchar(42) PRIMARY KEY,
      type varchar(32) NOT NULL,
      data varchar(2048) NULL,
      CONSTRAINT only_blocking_snapshots_incremental_ones_would_double_count
        CHECK (type <> 'execute-snapshot' OR lower(coalesce(data::jsonb ->> 'type', 'incremental')) = 'blocking')
    )`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`DROP TABLE IF EXISTS debezium_signal`.execute(db);
  },
};
