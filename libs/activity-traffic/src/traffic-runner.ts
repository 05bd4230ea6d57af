import type { RatePacer } from './rate-pacer.js';
import type { TrafficPlanner, TrafficOp } from './traffic-planner.js';
import type { TrafficTotals } from './traffic-progress.js';

export interface TrafficRunnerDeps {
  readonly planner: TrafficPlanner;
  readonly pacer: RatePacer;
  /** Writes one batch in one transaction; resolves with the inserted ids in order. */
  readonly write: (ops: readonly TrafficOp[]) => Promise<readonly number[]>;
  readonly maxBatch: number;
  /** Stop after this many rows written (null: no limit). */
  readonly rows: number | null;
  /** Checked between transactions: true once Ctrl-C or the duration says stop. */
  readonly shouldStop: () => boolean;
  readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds, for batching: rows are gathered for up to `batchIntervalMs` (default 100) unless a full batch is due sooner. */
  readonly now?: () => number;
  readonly batchIntervalMs?: number;
  /** After each transaction, committed or failed. */
  readonly onTransaction?: (totals: TrafficTotals, error?: Error) => void;
}

export type TrafficRunResult = TrafficTotals & { readonly reason: 'rows' | 'stopped' };

/**
 * Writes paced batches until the row limit or a stop: each batch is one transaction (a tenth of a
 * second's rows, or `maxBatch`), and a stop
 * takes effect only between them. A failed transaction counts its rows as errors, waits (doubling
 * to 5 s) and goes on; its rows are not retried, so the rate holds once the database is back.
 */
export const runTraffic = async ({
  planner,
  pacer,
  write,
  maxBatch,
  rows: limit,
  shouldStop,
  sleep,
  now = () => performance.now(),
  batchIntervalMs = 100,
  onTransaction = () => undefined,
}: TrafficRunnerDeps): Promise<TrafficRunResult> => {
  const rows = { insert: 0, update: 0, delete: 0 };
  let transactions = 0;
  let errors = 0;
  let written = 0;
  let backoffMs = 0;
  let lastWrite = now();
  const totals = (): TrafficTotals => ({ rows: { ...rows }, transactions, errors });
  while (!shouldStop()) {
    const left = limit === null ? Infinity : limit - written;
    if (left <= 0) return { ...totals(), reason: 'rows' };
    const due = Math.min(pacer.due(), maxBatch, left);
    if (due === 0) {
      await sleep(Math.max(1, Math.min(pacer.waitMs(), 100)));
      continue;
    }
    const gathering = batchIntervalMs - (now() - lastWrite);
    if (due < Math.min(maxBatch, left) && gathering > 0) {
      await sleep(gathering);
      continue;
    }
    lastWrite = now();
    const ops = planner.plan(due);
    pacer.sent(due);
    try {
      const ids = await write(ops);
      planner.committed(ops, ids);
      for (const op of ops) rows[op.kind] += 1;
      transactions += 1;
      written += due;
      backoffMs = 0;
      onTransaction(totals());
    } catch (e) {
      errors += due;
      backoffMs = Math.min(5_000, backoffMs === 0 ? 200 : backoffMs * 2);
      onTransaction(totals(), e as Error);
      await sleep(backoffMs);
    }
  }
  return { ...totals(), reason: 'stopped' };
};
