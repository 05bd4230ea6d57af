import type { TrafficTotals } from '@eap/activity-traffic';
import { Counter, Gauge, Registry } from '@eap/service-runtime';

/** The simulator's Prometheus metrics (names prefixed `simulator_`). */
export const createSimulatorMetrics = (targetRate: number) => {
  const registry = new Registry();
  const target = new Gauge({ name: 'simulator_target_rows_per_second', help: 'The rate the simulator aims at', registers: [registry] });
  target.set(targetRate);
  const rows = new Counter({
    name: 'simulator_rows_total',
    help: 'Rows written in committed transactions, by op (insert, update, delete)',
    labelNames: ['op'],
    registers: [registry],
  });
  const transactions = new Counter({ name: 'simulator_transactions_total', help: 'Committed transactions', registers: [registry] });
  const errors = new Counter({ name: 'simulator_error_rows_total', help: 'Rows of transactions that failed (not retried)', registers: [registry] });
  let last: TrafficTotals = { rows: { insert: 0, update: 0, delete: 0 }, transactions: 0, errors: 0 };
  return {
    registry,
    /** Moves the counters to the runner's totals. */
    observe(totals: TrafficTotals) {
      for (const op of ['insert', 'update', 'delete'] as const) rows.inc({ op }, totals.rows[op] - last.rows[op]);
      transactions.inc(totals.transactions - last.transactions);
      errors.inc(totals.errors - last.errors);
      last = totals;
    },
  };
};
