export * from './pg-connection.js';
export * from './pg-pool-factory.js';
export * from './pg-probe.js';
export * from './database-ensurer.js';
export * from './streaming-db-schema.js';
export * from './streaming-db-migrator.js';
export { seedEmployees, DEPARTMENTS } from './migrations/employee-seed.js';
