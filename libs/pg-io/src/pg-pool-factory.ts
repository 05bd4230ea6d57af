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
  // A client checked out between two queries (inside a transaction) that loses its server (PostgreSQL
  // restarted) emits on itself, not on the pool: the next query on it fails instead, and the caller
  // retries; unheard, the event would end the process.
  pool.on('connect', (client) => void client.on('error', () => undefined));
  return pool;
};
