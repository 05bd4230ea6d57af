import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Written by the connector's heartbeat.action.query so the slot advances on a quiet database; it is in
 * the filtered publication and the processors ignore its topic.
 */
export const heartbeatTable: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('debezium_heartbeat')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('beat_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('debezium_heartbeat').ifExists().execute();
  },
};
