import { Counter, Gauge, Histogram, Registry } from '@eap/service-runtime';

/** The aggregator's Prometheus metrics (names prefixed `aggregator_`). */
export const createAggregatorMetrics = () => {
  const registry = new Registry();
  return {
    registry,
    recordsIn: new Counter({ name: 'aggregator_records_in_total', help: 'Records read from the processed topic', registers: [registry] }),
    recordsOut: new Counter({
      name: 'aggregator_records_out_total',
      help: 'Records written to the summaries topic, by kind (upsert, tombstone)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    dlq: new Counter({
      name: 'aggregator_dlq_total',
      help: 'Records sent to the DLQ, by reason (late, invalid_field, undecodable)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    changelog: new Counter({ name: 'aggregator_changelog_records_total', help: 'Window state records written to the changelog topic', registers: [registry] }),
    groupEvents: new Counter({
      name: 'aggregator_group_events_total',
      help: 'Consumer-group events of this instance: joined (a rebalance), kept, assigned (claimed afresh), moved, released, fenced, consumer_restart',
      labelNames: ['event'],
      registers: [registry],
    }),
    instance: new Gauge({
      name: 'aggregator_instance_info',
      help: 'This instance (always 1), by instance id',
      labelNames: ['instance'],
      registers: [registry],
    }),
    lag: new Gauge({
      name: 'aggregator_consumer_lag',
      help: 'Records behind the end of the input partition after the last committed batch',
      labelNames: ['partition'],
      registers: [registry],
    }),
    lagSeconds: new Gauge({
      name: 'aggregator_consumer_lag_seconds',
      help: 'Age of the oldest input record not yet processed (by its Kafka timestamp) after the last committed batch; 0 when caught up',
      labelNames: ['partition'],
      registers: [registry],
    }),
    liveKeys: new Gauge({
      name: 'aggregator_live_keys',
      help: 'Summary keys whose latest record is an upsert',
      labelNames: ['partition'],
      registers: [registry],
    }),
    groups: new Gauge({ name: 'aggregator_groups', help: 'Window groups held in state (within retention)', labelNames: ['partition'], registers: [registry] }),
    openWindows: new Gauge({
      name: 'aggregator_open_windows',
      help: 'Hourly windows the watermark has not passed',
      labelNames: ['partition'],
      registers: [registry],
    }),
    watermarkLag: new Gauge({
      name: 'aggregator_watermark_lag_seconds',
      help: 'Wall clock minus the watermark',
      labelNames: ['partition'],
      registers: [registry],
    }),
    late: new Gauge({
      name: 'aggregator_late_total',
      help: 'Changes older than retention (sent to the DLQ), since the partition began',
      labelNames: ['partition'],
      registers: [registry],
    }),
    memory: new Gauge({
      name: 'aggregator_memory_bytes',
      help: 'V8 heap used plus array buffers (the window table lives in array buffers)',
      registers: [registry],
      collect() {
        const m = process.memoryUsage();
        this.set(m.heapUsed + m.arrayBuffers);
      },
    }),
    restoreSeconds: new Histogram({
      name: 'aggregator_restore_seconds',
      help: "Time to rebuild a partition's window state from the changelog",
      buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'aggregator_end_to_end_latency_seconds',
      help: 'From the commit in PostgreSQL (source.ts_ms) to the summary being written',
      buckets: [0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10, 30],
      registers: [registry],
    }),
  };
};

export type AggregatorMetrics = ReturnType<typeof createAggregatorMetrics>;
