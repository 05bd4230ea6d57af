import pg from 'pg';
import type { PgConnection } from './pg-connection.js';

export interface SlotInspection {
  readonly active: boolean;
  /** WAL the server keeps for the slot: current LSN minus the slot's restart LSN. */
  readonly retainedBytes: number;
  /** reserved, extended, unreserved or lost (PostgreSQL 13+). */
  readonly walStatus: string | null;
  /** The capture's lag in bytes: current LSN minus what the connector confirmed (confirmed_flush_lsn). */
  readonly unconfirmedBytes: number;
  /**
   * The capture's lag in seconds while a connector holds the slot: pg_stat_replication's write_lag
   * (WAL flushed here until the connector said it had read it; sampled at its status updates, about
   * every 10 s), 0 when caught up and quiet. null while no connector holds the slot.
   */
  readonly lagSeconds: number | null;
}

export type PostgresInspection =
  | {
      readonly kind: 'up';
      readonly serverVersion: string;
      readonly walLevel: string;
      /** When the server started (epoch ms), for its uptime. */
      readonly startedAt: number;
      /** max_slot_wal_keep_size in bytes; -1 when unlimited. */
      readonly maxSlotWalKeepBytes: number;
      readonly slot: SlotInspection | null;
    }
  | { readonly kind: 'down'; readonly reason: 'unreachable' | 'bad_credentials' | 'no_database' | 'error'; readonly detail: string };

const reasonOf = (e: Error & { code?: string }): 'unreachable' | 'bad_credentials' | 'no_database' | 'error' =>
  e.code === '28P01' || e.code === '28000' || /password/i.test(e.message)
    ? 'bad_credentials'
    : e.code === '3D000'
      ? 'no_database'
      : /ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|timeout/i.test(`${e.code} ${e.message}`)
        ? 'unreachable'
        : 'error';

/** Replication settings and one slot's state, in one connection; a failure says why instead of throwing. */
export const inspectPostgres = async (c: PgConnection, slot: string, timeoutMs = 3_000): Promise<PostgresInspection> => {
  const client = new pg.Client({ ...c, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const settings = await client.query<{ v: string; wal: string; keep: string; started: Date }>(
      `SELECT current_setting('server_version') AS v, current_setting('wal_level') AS wal, pg_postmaster_start_time() AS started,
              (SELECT CASE WHEN setting = '-1' THEN '-1' ELSE (setting::bigint * 1024 * 1024)::text END FROM pg_settings WHERE name = 'max_slot_wal_keep_size') AS keep`,
    );
    const slots = await client.query<{ active: boolean; retained: string | null; wal_status: string | null; unconfirmed: string | null; lag: number | null }>(
      `SELECT s.active, pg_wal_lsn_diff(pg_current_wal_lsn(), s.restart_lsn)::bigint::text AS retained, s.wal_status,
              pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn)::bigint::text AS unconfirmed,
              CASE WHEN s.active THEN COALESCE(EXTRACT(EPOCH FROM r.write_lag), 0)::float8 END AS lag
         FROM pg_replication_slots s LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid
        WHERE s.slot_name = $1`,
      [slot],
    );
    const s = settings.rows[0]!;
    const row = slots.rows[0];
    return {
      kind: 'up',
      serverVersion: s.v,
      walLevel: s.wal,
      startedAt: s.started.getTime(),
      maxSlotWalKeepBytes: Number(s.keep),
      slot: row
        ? {
            active: row.active,
            retainedBytes: Number(row.retained ?? 0),
            walStatus: row.wal_status,
            unconfirmedBytes: Math.max(0, Number(row.unconfirmed ?? 0)),
            lagSeconds: row.lag === null ? null : Number(row.lag),
          }
        : null,
    };
  } catch (e) {
    return { kind: 'down', reason: reasonOf(e as Error), detail: (e as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
};
