import { createRatePacer, createTrafficPlanner, runTraffic, type TrafficTotals } from '@eap/activity-traffic';
import { employeeIds, writeTrafficBatch, type Kysely, type StreamingDb } from '@eap/pg-io';

export interface LoadDriver {
  /** Source rows written so far (inserts, updates, deletes), failed transactions not counted. */
  written(): number;
  /** Stops after the current transaction; resolves with what was written. */
  stop(): Promise<TrafficTotals>;
}

const total = (t: TrafficTotals) => t.rows.insert + t.rows.update + t.rows.delete;

/**
 * The simulator's traffic, in this process: paced transactions of inserts, updates (a share of them
 * moving a row to another type, employee or hour: another group) and deletes, some back-dated into
 * closed windows. A failed transaction (the database restarting) is retried with new rows after a pause.
 */
export const startLoad = async ({
  db,
  rate,
  seed,
}: {
  /** The current pool: a new one after PostgreSQL restarted. */
  db: () => Kysely<StreamingDb>;
  rate: number;
  seed: number;
}): Promise<LoadDriver> => {
  const employees = await employeeIds(db());
  let stopping = false;
  let latest: TrafficTotals = { rows: { insert: 0, update: 0, delete: 0 }, transactions: 0, errors: 0 };
  const finished = runTraffic({
    planner: createTrafficPlanner({ seed, mix: { insert: 60, update: 28, delete: 12 }, employeeIds: employees, backdateShare: 0.1 }),
    pacer: createRatePacer({ rowsPerSecond: rate }),
    write: (ops) => writeTrafficBatch(db(), ops),
    maxBatch: Math.max(5, Math.round(rate / 10)),
    rows: null,
    shouldStop: () => stopping,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    onTransaction: (totals) => void (latest = totals),
  });
  return {
    written: () => total(latest),
    stop: async () => {
      stopping = true;
      return finished;
    },
  };
};
