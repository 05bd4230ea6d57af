import { Counter, Gauge, Histogram, Registry } from '@eap/service-runtime';

/** The processor's Prometheus metrics (names prefixed `enrichment_`). */
export const createProcessorMetrics = () => {
  const registry = new Registry();
  return {
    registry,
    recordsIn: new Counter({ name: 'enrichment_records_in_total', help: 'Input records read from the activities topic', registers: [registry] }),
    recordsOut: new Counter({
      name: 'enrichment_records_out_total',
      help: 'Records written to the processed topic, by row kind',
      labelNames: ['row_kind'],
      registers: [registry],
    }),
    dlq: new Counter({ name: 'enrichment_dlq_total', help: 'Records sent to the DLQ, by reason', labelNames: ['reason'], registers: [registry] }),
    skipped: new Counter({
      name: 'enrichment_skipped_total',
      help: 'Input records skipped, by why (redelivery, tombstone, other_table, incremental_snapshot)',
      labelNames: ['why'],
      registers: [registry],
    }),
    snapshots: new Counter({
      name: 'enrichment_snapshots_started_total',
      help: 'Snapshots (initial, again after a crash, blocking) whose first read restated the outputs',
      registers: [registry],
    }),
    abandonedSnapshots: new Counter({
      name: 'enrichment_snapshots_abandoned_total',
      help: 'Snapshots whose reads stopped before their last row (streamed changes followed): the outputs lack rows until a new snapshot',
      registers: [registry],
    }),
    employees: new Counter({ name: 'enrichment_employee_changes_total', help: 'Employee change events applied to the employee table', registers: [registry] }),
    groupEvents: new Counter({
      name: 'enrichment_group_events_total',
      help: 'Consumer-group events of this instance: joined (a rebalance), kept, assigned (claimed afresh), moved, released, fenced, consumer_restart',
      labelNames: ['event'],
      registers: [registry],
    }),
    instance: new Gauge({
      name: 'enrichment_instance_info',
      help: 'This instance (always 1), by instance id',
      labelNames: ['instance'],
      registers: [registry],
    }),
    lag: new Gauge({
      name: 'enrichment_consumer_lag',
      help: 'Records behind the end of the input partition after the last committed batch',
      labelNames: ['partition'],
      registers: [registry],
    }),
    lagSeconds: new Gauge({
      name: 'enrichment_consumer_lag_seconds',
      help: 'Age of the oldest input record not yet processed (by its Kafka timestamp) after the last committed batch; 0 when caught up',
      labelNames: ['partition'],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'enrichment_end_to_end_latency_seconds',
      help: 'From the commit in PostgreSQL (source.ts_ms) to the processed record being committed',
      buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
  };
};

export type ProcessorMetrics = ReturnType<typeof createProcessorMetrics>;
