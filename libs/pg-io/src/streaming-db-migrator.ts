import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { ensureDatabase } from './database-ensurer.js';
import { streamingDbMigrations } from './migrations/migration-provider.js';
import type { PgConnection } from './pg-connection.js';
import { createPgPool } from './pg-pool-factory.js';
import type { StreamingDb } from './streaming-db-schema.js';

export interface MigrationReport {
  readonly databaseCreated: boolean;
  readonly applied: readonly string[];
}

/**
 * Creates the database if needed and applies pending migrations. Idempotent: a second run applies
 * nothing. `admin` must be able to CREATE DATABASE (it connects to the `postgres` database).
 */
export const migrateStreamingDb = async (c: PgConnection): Promise<MigrationReport> => {
  const databaseCreated = await ensureDatabase({ ...c, database: 'postgres' }, c.database);
  const db = new Kysely<StreamingDb>({ dialect: new PostgresDialect({ pool: createPgPool(c, { max: 1 }) }) });
  try {
    const { error, results = [] } = await new Migrator({ db, provider: streamingDbMigrations }).migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return { databaseCreated, applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
  } finally {
    await db.destroy();
  }
};
