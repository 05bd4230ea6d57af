import type { Migration, MigrationProvider } from 'kysely';
import { sourceTables } from './001-source-tables.js';
import { replicaIdentityFull } from './002-replica-identity.js';
import { heartbeatTable } from './003-heartbeat-table.js';
import { seedEmployeesMigration } from './004-seed-employees.js';
import { signalTable } from './005-signal-table.js';
import { oneWalRecordPerRow } from './006-one-wal-record-per-row.js';

/** Migrations live in code, in order; kysely records what ran in `kysely_migration`. */
export const streamingDbMigrations: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => ({
    '001-source-tables': sourceTables,
    '002-replica-identity': replicaIdentityFull,
    '003-heartbeat-table': heartbeatTable,
    '004-seed-employees': seedEmployeesMigration,
    '005-signal-table': signalTable,
    '006-one-wal-record-per-row': oneWalRecordPerRow,
  }),
};
