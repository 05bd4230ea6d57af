import type { DoctorFinding } from './doctor-rules.js';
import type { PipelineSnapshot, ServiceProbe } from './pipeline-snapshot.js';
import { formatSeconds } from './lag-seconds.js';
import { groupDetailLines, topicNoteLines } from './status-group-text.js';

const n = (x: bigint | number) => x.toLocaleString('en-US');
const pad = (s: string, w: number) => s.padEnd(w);
const probeLine = (name: string, p: ServiceProbe) => `  ${pad(name, 10)} ${p.up ? 'up  ' : 'DOWN'}  ${pad(p.address, 40)} ${p.up ? p.detail : p.error}`;

/** Records per second per topic between two snapshots. */
export const topicRates = (earlier: PipelineSnapshot, now: PipelineSnapshot): ReadonlyMap<string, number> => {
  const seconds = (now.at - earlier.at) / 1000;
  return new Map(
    now.topics.map((t) => [
      t.topic,
      seconds > 0 ? Number(t.endOffset - (earlier.topics.find((e) => e.topic === t.topic)?.endOffset ?? t.endOffset)) / seconds : 0,
    ]),
  );
};

/** `npm run pipeline -- status` as a table; each consumer group with its partitions and its members. */
export const formatStatusReport = (earlier: PipelineSnapshot, now: PipelineSnapshot): string => {
  const lines: string[] = ['STACK'];
  const pg = now.postgres;
  lines.push(
    pg.kind === 'up'
      ? `  ${pad('postgres', 10)} up    ${pad(pg.address, 40)} PostgreSQL ${pg.serverVersion.split(' ')[0]}, wal_level=${pg.walLevel}`
      : `  ${pad('postgres', 10)} DOWN  ${pad(pg.address, 40)} ${pg.reason}: ${pg.detail}`,
    probeLine('kafka', now.kafka),
    probeLine('connect', now.connect),
    probeLine('registry', now.registry),
  );
  if (pg.kind === 'up') {
    const slot = pg.slot;
    lines.push(
      '',
      'REPLICATION SLOT',
      slot
        ? `  ${pg.slotName}: ${slot.active ? 'active' : 'INACTIVE'}, WAL retained ${n(slot.retainedBytes)} bytes${slot.walStatus ? ` (${slot.walStatus})` : ''}; capture lag ${n(slot.unconfirmedBytes)} bytes, ${slot.active ? formatSeconds(slot.lagSeconds) : 'no connector reading'}`
        : `  ${pg.slotName}: does not exist`,
    );
  }
  const c = now.connector;
  lines.push('', 'CONNECTOR');
  if (c === null) lines.push('  (Connect is down)');
  else if (c.status === 'missing') lines.push(`  ${c.name}: not registered`);
  else {
    lines.push(`  ${c.name}: ${c.status.connector.state}`);
    for (const t of c.status.tasks) lines.push(`    task ${t.id}: ${t.state}${t.trace ? ` (${t.trace.split('\n')[0]})` : ''}`);
  }
  const rates = topicRates(earlier, now);
  lines.push('', `TOPICS${' '.repeat(55)}PARTITIONS   END OFFSET   MSGS/S`);
  for (const t of now.topics) {
    lines.push(
      t.exists
        ? `  ${pad(t.topic, 58)} ${String(t.partitions).padStart(10)} ${n(t.endOffset).padStart(12)} ${(rates.get(t.topic) ?? 0).toFixed(1).padStart(8)}`
        : `  ${pad(t.topic, 58)} (not created yet)`,
      ...topicNoteLines(t, now.groups),
    );
  }
  lines.push('', 'CONSUMER GROUPS');
  for (const g of now.groups) {
    lines.push(
      `  ${g.groupId} (${g.app}): ${g.state}, ${g.members} member(s), lag ${n(g.lag)} (${formatSeconds(g.lagSeconds)}) on ${g.topic}`,
      ...groupDetailLines(g),
    );
  }
  lines.push('', 'DLQ');
  if (now.dlq === null) lines.push('  (Kafka is down)');
  else
    lines.push(
      `  ${now.dlq.topic}: ${n(now.dlq.total)} record(s)${
        now.dlq.total
          ? `: ${Object.entries(now.dlq.byReason)
              .map(([r, k]) => `${r} ${n(k)}`)
              .join(', ')}`
          : ''
      }`,
    );
  return lines.join('\n');
};

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;

/** `npm run pipeline -- doctor` as text: each check, and under a problem what to do. */
export const formatDoctorReport = (findings: readonly DoctorFinding[]): string => {
  const lines = findings.flatMap((f) => [
    `${MARK[f.severity]} ${pad(f.check, 28)} ${f.message}`,
    ...(f.fix && f.severity !== 'ok' ? [`  ${' '.repeat(28)} fix: ${f.fix}`] : []),
  ]);
  const fails = findings.filter((f) => f.severity === 'fail').length;
  const warns = findings.filter((f) => f.severity === 'warn').length;
  lines.push('', fails ? `✗ ${fails} problem(s), ${warns} warning(s)` : warns ? `! no problems, ${warns} warning(s)` : '✓ no problems found');
  return lines.join('\n');
};
