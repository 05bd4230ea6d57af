import type { ConsoleState } from './console-state.js';

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Readonly<Record<string, string | number>>) =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${escape(String(v))}"`)
    .join(',')}}`;

interface Family {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly { readonly labels: Readonly<Record<string, string | number>>; readonly value: number }[];
}

const family = (name: string, help: string, samples: Family['samples']): Family => ({ name, help, samples });

/**
 * The pipeline as the console last read it, in Prometheus' text format (`GET /metrics`): lag in records
 * and seconds per group and partition, the capture's lag, the slot's WAL, DLQ records by reason, the
 * components up, and the alerts raised. Unlike an app's own gauges these are there while the app is
 * down, which is when an alert on them matters.
 */
export const pipelineMetricsText = (s: ConsoleState): string => {
  const snap = s.snapshot;
  const families: Family[] = [];
  if (snap) {
    const partitions = snap.groups.flatMap((g) => g.partitions.map((p) => ({ g, p })));
    const at = (g: (typeof partitions)[number]['g'], partition: number) => ({ group: g.groupId, app: g.app, topic: g.topic, partition });
    families.push(
      family(
        'pipeline_group_lag_records',
        'Records a consumer group has not processed, per partition',
        partitions.map(({ g, p }) => ({ labels: at(g, p.partition), value: Number(p.lag) })),
      ),
      family(
        'pipeline_group_lag_seconds',
        'Age of the oldest record a consumer group has not processed (its Kafka timestamp), per partition; absent when unknown',
        partitions.flatMap(({ g, p }) => (p.lagSeconds === null ? [] : [{ labels: at(g, p.partition), value: p.lagSeconds }])),
      ),
      family(
        'pipeline_group_members',
        'Members of a consumer group',
        snap.groups.map((g) => ({ labels: { group: g.groupId, app: g.app }, value: g.members })),
      ),
      family('pipeline_component_up', 'Whether a server of the pipeline answers (1) or not (0)', [
        { labels: { component: 'postgres' }, value: snap.postgres.kind === 'up' ? 1 : 0 },
        ...(['kafka', 'connect', 'registry'] as const).map((c) => ({ labels: { component: c }, value: snap[c].up ? 1 : 0 })),
      ]),
    );
    if (snap.brokers)
      families.push(family('pipeline_kafka_brokers_alive', 'Brokers the cluster lists as alive', [{ labels: {}, value: snap.brokers.live.length }]));
    const slot = snap.postgres.kind === 'up' ? snap.postgres.slot : null;
    if (slot && snap.postgres.kind === 'up') {
      const l = { slot: snap.postgres.slotName };
      families.push(
        family('pipeline_capture_lag_bytes', 'WAL the connector has not confirmed (current LSN - confirmed_flush_lsn)', [
          { labels: l, value: slot.unconfirmedBytes },
        ]),
        family(
          'pipeline_capture_lag_seconds',
          "The connector's write_lag in pg_stat_replication; absent while no connector holds the slot",
          slot.lagSeconds === null ? [] : [{ labels: l, value: slot.lagSeconds }],
        ),
        family('pipeline_slot_retained_bytes', 'WAL the replication slot keeps (current LSN - restart_lsn)', [{ labels: l, value: slot.retainedBytes }]),
        family('pipeline_slot_active', 'Whether a connector holds the slot', [{ labels: l, value: slot.active ? 1 : 0 }]),
      );
    }
    if (snap.dlq)
      families.push(
        family(
          'pipeline_dlq_records',
          'Records in the dead-letter topic, by reason',
          Object.entries(snap.dlq.byReason).map(([reason, n]) => ({ labels: { reason }, value: n })),
        ),
      );
  }
  families.push(
    family(
      'pipeline_alerts',
      'Alerts doctor raises now (1 each), by check and severity',
      s.alerts.map((a) => ({ labels: { check: a.check, severity: a.severity }, value: 1 })),
    ),
  );
  return `${families
    .flatMap((f) => [
      `# HELP ${f.name} ${f.help}`,
      `# TYPE ${f.name} gauge`,
      ...f.samples.map((x) => `${f.name}${Object.keys(x.labels).length ? labels(x.labels) : ''} ${x.value}`),
    ])
    .join('\n')}\n`;
};
