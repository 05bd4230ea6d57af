import type { Kysely, Migration } from 'kysely';
import type { StreamingDb } from '../streaming-db-schema.js';
import { seedEmployees } from './employee-seed.js';

/** A few hundred employees across departments; emails are unique, so a re-run inserts nothing. */
export const seedEmployeesMigration: Migration = {
  async up(db: Kysely<unknown>) {
    const rows = seedEmployees();
    for (let i = 0; i < rows.length; i += 100) {
      await (db as Kysely<StreamingDb>)
        .insertInto('employees')
        .values(rows.slice(i, i + 100))
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
    }
  },
  async down(db: Kysely<unknown>) {
    await (db as Kysely<StreamingDb>).deleteFrom('employees').where('email', 'like', '%@example.com').execute();
  },
};
