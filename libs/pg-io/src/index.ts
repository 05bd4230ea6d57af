export * from './pg-connection.js';
export * from './pg-pool-factory.js';
export * from './pg-probe.js';
export * from './database-ensurer.js';
export * from './streaming-db-schema.js';
export * from './streaming-db-migrator.js';
export { seedEmployees, DEPARTMENTS } from './migrations/employee-seed.js';
export * from './employee-queries.js';
export * from './streaming-db-factory.js';
export type { Kysely } from 'kysely';
/** Raw SQL fragments for queries the typed builder does not cover (tests, workloads). */
export { sql } from 'kysely';
export * from './activity-summary-query.js';
export * from './traffic-writer.js';
export * from './postgres-inspection.js';
export * from './snapshot-signal.js';
export * from './pg-io-error.js';
export * from './replication-slot.js';
export * from './activity-group-rows.js';
