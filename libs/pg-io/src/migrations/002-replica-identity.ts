import { sql, type Kysely, type Migration } from 'kysely';

/** Updates and deletes carry the whole before image, which the aggregator retracts from. */
export const replicaIdentityFull: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`ALTER TABLE employees REPLICA IDENTITY FULL`.execute(db);
    await sql`ALTER TABLE employee_activities REPLICA IDENTITY FULL`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`ALTER TABLE employees REPLICA IDENTITY DEFAULT`.execute(db);
    await sql`ALTER TABLE employee_activities REPLICA IDENTITY DEFAULT`.execute(db);
  },
};
