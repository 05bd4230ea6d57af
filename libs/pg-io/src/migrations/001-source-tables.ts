import { sql, type Kysely, type Migration } from 'kysely';

/** employees and employee_activities exactly as the manual's section 4.1. */
export const sourceTables: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('employees')
      .ifNotExists()
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('name', 'varchar(100)', (c) => c.notNull())
      .addColumn('email', 'varchar(100)', (c) => c.notNull().unique())
      .addColumn('department', 'varchar(50)', (c) => c.notNull())
      .addColumn('created_at', 'timestamp', (c) => c.defaultTo(sql`CURRENT_TIMESTAMP`))
      .execute();
    await db.schema
      .createTable('employee_activities')
      .ifNotExists()
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('employee_id', 'integer', (c) => c.references('employees.id'))
      .addColumn('activity_type', 'varchar(50)', (c) => c.notNull())
      .addColumn('page_url', 'varchar(200)')
      .addColumn('duration_seconds', 'integer')
      .addColumn('ip_address', sql`inet`)
      .addColumn('user_agent', 'text')
      .addColumn('activity_timestamp', 'timestamp', (c) => c.defaultTo(sql`CURRENT_TIMESTAMP`))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('employee_activities').ifExists().execute();
    await db.schema.dropTable('employees').ifExists().execute();
  },
};
