import pg from 'pg';
import type { PgConnection } from './pg-connection.js';

export interface PgProbeResult {
  readonly serverVersion: string;
  readonly walLevel: string;
  readonly maxSlotWalKeepSize: string;
}

/** One connection, one query: proves the server accepts queries and reports replication settings. */
export const probePostgres = async (c: PgConnection, timeoutMs = 3_000): Promise<PgProbeResult> => {
  const client = new pg.Client({ ...c, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string; wal: string; keep: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('wal_level') AS wal,
              current_setting('max_slot_wal_keep_size') AS keep`,
    );
    const row = rows[0];
    if (!row) throw new Error('probe query returned no row');
    return { serverVersion: row.v, walLevel: row.wal, maxSlotWalKeepSize: row.keep };
  } finally {
    await client.end();
  }
};
