import pg from 'pg';
import type { PgConnection } from './pg-connection.js';

/**
 * Creates `name` if it does not exist. CREATE DATABASE takes no bind parameters and cannot run in a
 * transaction, so the identifier is quoted by the server's own `format('%I')`.
 */
export const ensureDatabase = async (admin: PgConnection, name: string): Promise<boolean> => {
  const client = new pg.Client({ ...admin, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return false;
    const { rows } = await client.query<{ sql: string }>(`SELECT format('CREATE DATABASE %I', $1::text) AS sql`, [name]);
    await client.query(rows[0]!.sql);
    return true;
  } finally {
    await client.end();
  }
};

/** Drops `name` (terminating its sessions) if it exists. For resets and test clean-up. */
export const dropDatabase = async (admin: PgConnection, name: string): Promise<void> => {
  const client = new pg.Client({ ...admin, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ sql: string }>(`SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', $1::text) AS sql`, [name]);
    await client.query(rows[0]!.sql);
  } finally {
    await client.end();
  }
};
