import pg from 'pg';
import type { PgConnection } from './pg-connection.js';

export type PgPool = pg.Pool;

/** A small pool; callers own it and must `end()` it. */
export const createPgPool = (c: PgConnection, { max = 4, connectionTimeoutMillis = 5_000, applicationName = 'employee-pipeline' } = {}): PgPool => {
  const pool = new pg.Pool({
    host: c.host,
    port: c.port,
    user: c.user,
    database: c.database,
    password: c.password,
    max,
    connectionTimeoutMillis,
    application_name: applicationName,
  });
  // An idle client that loses its server emits here; the pool drops it. Without a listener it would crash us.
  pool.on('error', () => undefined);
  return pool;
};
