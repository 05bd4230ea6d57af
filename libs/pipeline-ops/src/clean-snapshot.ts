import { createConnectClient } from '@eap/connect-io';
import { createPgPool, dropReplicationSlot, replicationSlotState, type PgConnection } from '@eap/pg-io';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface CleanSnapshotOptions {
  readonly connectUrl: string;
  readonly connector: string;
  readonly slot: string;
  /** PostgreSQL, as a superuser or the slot's owner (any database of the cluster). */
  readonly pg: PgConnection;
  readonly log: (line: string) => void;
  readonly timeoutMs?: number;
}

/**
 * A snapshot consistent with the stream, from scratch: stop the connector, drop its replication slot,
 * forget its offsets, resume. With no slot Debezium creates one and reads the tables in the snapshot
 * PostgreSQL exports with it, so the snapshot is exactly the state at the slot's consistent point and
 * streaming starts there. The processor restates every output from it (a `T`, then the rows).
 *
 * What it repairs: a snapshot that Debezium started over on a slot that already existed (Connect died
 * during the initial snapshot). Debezium then reads the tables at READ COMMITTED, later than the position
 * it records and streams from, so the changes committed in between count twice (Debezium 3.7,
 * PostgresSnapshotChangeEventSource: no SET TRANSACTION when the slot existed).
 */
export const restartSnapshotCleanly = async ({ connectUrl, connector, slot, pg, log, timeoutMs = 60_000 }: CleanSnapshotOptions): Promise<void> => {
  const connect = createConnectClient({ baseUrl: connectUrl });
  const pool = createPgPool(pg, { max: 1, applicationName: 'pipeline-clean-snapshot' });
  try {
    log(`stopping ${connector}`);
    await connect.stop(connector);
    const deadline = Date.now() + timeoutMs;
    while ((await replicationSlotState(pool, slot)) === 'active') {
      if (Date.now() > deadline) throw new Error(`${slot} is still held by a connector task ${timeoutMs / 1000} s after stopping ${connector}`);
      await sleep(250);
    }
    log(`dropping the replication slot ${slot}`);
    await dropReplicationSlot(pool, slot);
    log(`forgetting the offsets of ${connector}`);
    await connect.resetOffsets(connector);
    log(`resuming ${connector}: it creates the slot again and snapshots in the snapshot PostgreSQL exports with it`);
    await connect.resume(connector);
  } finally {
    await pool.end();
  }
};
