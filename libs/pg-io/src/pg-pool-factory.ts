import pg from 'pg';
import type { PgConnection } from './pg-connection.js';

export type PgPool = pg.Pool;

/** A small pool; callers own it and must `end()` it. */
export const createPgPool = (
  c: PgConnection,
  { max = 4, connectionTimeoutMillis = 5_000, applicationName = 'employee-pipeline' } = {},
): PgPool =>
  new pg.Pool({
    host: c.host,
    port: c.port,
    user: c.user,
    database: c.database,
    password: c.password,
    max,
    connectionTimeoutMillis,
    application_name: applicationName,
  });
