import { formatSeconds } from './lag-seconds.js';
import type { GroupMember, GroupSnapshot, TopicSnapshot } from './pipeline-snapshot.js';

const n = (x: bigint | number) => x.toLocaleString('en-US');

const memberLabel = (m: GroupMember) => m.instanceId ?? `${m.clientId} (instance unknown)`;

const partitionsText = (m: GroupMember, g: GroupSnapshot) => (m.partitions.length ? m.partitions.join(', ') : g.state === 'Stable' ? 'none (standby)' : 'none');

/** Under a group's line: one line per partition, then one per member (instance, host, health, partitions, lag). */
export const groupDetailLines = (g: GroupSnapshot): readonly string[] => {
  const rows = g.memberDetails.map(
    (m) => [memberLabel(m), m.host, m.healthAddress ?? 'unknown', partitionsText(m, g), `${n(m.lag)} (${formatSeconds(m.lagSeconds)})`] as const,
  );
  const width = (i: 0 | 1 | 2 | 3) => Math.max(0, ...rows.map((r) => r[i].length));
  return [
    ...g.partitions.map(
      (p) =>
        `    partition ${p.partition}: committed ${p.committed === null ? '-' : n(p.committed)}, end ${n(p.end)}, lag ${n(p.lag)} (${formatSeconds(p.lagSeconds)})`,
    ),
    ...rows.map(
      ([label, host, health, partitions, lag]) =>
        `    member ${label.padEnd(width(0))}  host ${host.padEnd(width(1))}  health ${health.padEnd(width(2))}  partitions ${partitions.padEnd(width(3))}  lag ${lag}`,
    ),
  ];
};

/**
 * Under a topic's row, how the groups share it: the activities topic has one partition by design, so
 * one enrichment-processor instance reads it at a time; the processed topic's partitions are shared by
 * the summary-aggregator instances.
 */
export const topicNoteLines = (t: TopicSnapshot, groups: readonly GroupSnapshot[]): readonly string[] => {
  const reader = groups.find((g) => g.topic === t.topic);
  if (!t.exists || !reader) return [];
  if (reader.app === 'enrichment-processor' && t.partitions === 1)
    return [
      '    1 partition by design (a TRUNCATE must stay ordered with the rows before and after it):',
      '    one enrichment-processor instance reads it, the others stand by; all read the whole employees topic',
    ];
  if (reader.app === 'summary-aggregator')
    return [`    ${t.partitions} partition(s): up to ${t.partitions} summary-aggregator instance(s) share them; more stand by`];
  return [];
};
