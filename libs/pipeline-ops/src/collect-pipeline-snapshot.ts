import { createConnectClient } from '@eap/connect-io';
import { createTopicAdmin, probeBroker, readToEnd, type TopicAdmin } from '@eap/kafka-io';
import { inspectPostgres } from '@eap/pg-io';
import { sourceTopics } from '@eap/pipeline-config';
import { groupMemberDetails } from './group-member-details.js';
import { oldestLagSeconds } from './lag-seconds.js';
import type { OpsSettings } from './ops-settings.js';
import type { GroupSnapshot, PipelineSnapshot, ServiceProbe, TopicRole, TopicSnapshot } from './pipeline-snapshot.js';

const message = (e: unknown) => (e as Error).message.split('\n')[0] ?? String(e);

const probe = async (address: string, check: () => Promise<string>): Promise<ServiceProbe> => {
  try {
    return { up: true, address, detail: await check() };
  } catch (e) {
    return { up: false, address, error: message(e) };
  }
};

type EndOffsets = ReadonlyMap<string, ReadonlyMap<number, bigint>>;

const topicSnapshot = (ends: EndOffsets, topic: string, role: TopicRole): TopicSnapshot => {
  const e = ends.get(topic);
  return e
    ? { topic, role, exists: true, partitions: e.size, endOffset: [...e.values()].reduce((a, b) => a + b, 0n) }
    : { topic, role, exists: false, partitions: 0, endOffset: 0n };
};

const groupSnapshot = async (admin: TopicAdmin, allEnds: EndOffsets, app: GroupSnapshot['app'], groupId: string, topic: string): Promise<GroupSnapshot> => {
  const group = await admin.describeGroup(groupId);
  const [state, members] = [group.state, group.members.length];
  const ends = allEnds.get(topic);
  if (!ends)
    return { app, groupId, topic, state, members, memberDetails: groupMemberDetails(group.members, topic, []), partitions: [], lag: 0n, lagSeconds: 0 };
  const committed = await admin.committedOffsets(groupId, topic);
  const positions = [...ends]
    .sort(([a], [b]) => a - b)
    .map(([partition, end]) => {
      const c = committed.get(partition)?.offset;
      const at = c === undefined || c < 0n ? null : c;
      return { partition, committed: at, end, lag: end - (at ?? 0n) };
    });
  // The oldest record not yet processed is the one at the committed offset (or the log start, when
  // nothing is committed: the time index answers for the first record still there).
  const now = Date.now();
  const lagging = new Map(positions.filter((p) => p.lag > 0n).map((p) => [p.partition, p.committed ?? 0n]));
  const written = lagging.size
    ? await admin.recordTimestamps(topic, lagging, now).catch(() => new Map<number, number | null>())
    : new Map<number, number | null>();
  const partitions = positions.map((p) => {
    const ts = written.get(p.partition);
    return { ...p, lagSeconds: p.lag === 0n ? 0 : ts === undefined || ts === null ? null : Math.max(0, now - ts) / 1000 };
  });
  const memberDetails = groupMemberDetails(group.members, topic, partitions);
  return {
    app,
    groupId,
    topic,
    state,
    members,
    memberDetails,
    partitions,
    lag: partitions.reduce((n, p) => n + p.lag, 0n),
    lagSeconds: oldestLagSeconds(partitions),
  };
};

const dlqCounts = async (s: OpsSettings) => {
  const byReason: Record<string, number> = {};
  let total = 0;
  await readToEnd({
    kafka: { brokers: s.brokers, clientId: 'pipeline-status', logLevel: 'nothing' },
    topic: s.names.dlqTopic,
    timeoutMs: 30_000,
    onRecords: (records) => {
      for (const r of records) {
        const reason = r.headers['dlq.reason']?.toString() ?? 'unknown';
        byReason[reason] = (byReason[reason] ?? 0) + 1;
        total++;
      }
    },
  });
  return { topic: s.names.dlqTopic, total, byReason };
};

/**
 * Reads the whole pipeline's state once: each server probed, the connector, topics, both consumer
 * groups' members and lag per partition and per member, the DLQ by reason and the replication slot.
 * A part that is down is reported as down, never thrown.
 */
export const collectPipelineSnapshot = async (s: OpsSettings, { dlq = true }: { dlq?: boolean } = {}): Promise<PipelineSnapshot> => {
  const connectClient = createConnectClient({ baseUrl: s.connectUrl, timeoutMs: 3_000 });
  let live: readonly string[] = [];
  const [postgres, kafka, connect, registry] = await Promise.all([
    inspectPostgres(s.pg, s.names.slot),
    probe(s.brokers.join(','), async () => {
      const b = await probeBroker(s.brokers);
      live = b.brokers;
      return `cluster ${b.clusterId}, ${b.brokerCount} broker(s)`;
    }),
    probe(s.connectUrl, async () => `${(await connectClient.connectors()).length} connector(s)`),
    probe(s.registryUrl, async () => {
      const res = await fetch(`${s.registryUrl}/subjects`, { signal: AbortSignal.timeout(3_000) });
      if (!res.ok) throw new Error(`GET /subjects answered ${res.status}`);
      return `${((await res.json()) as unknown[]).length} subject(s)`;
    }),
  ]);
  const status = connect.up ? await connectClient.status(s.names.connector).catch(() => undefined) : undefined;
  const connector = connect.up ? { name: s.names.connector, status: status ?? ('missing' as const) } : null;
  const base = {
    at: Date.now(),
    postgres: { ...postgres, address: `${s.pg.host}:${s.pg.port}/${s.pg.database}`, slotName: s.names.slot },
    kafka,
    brokers: kafka.up ? { configured: s.brokers, live } : null,
    connect,
    registry,
    connector,
  };
  if (!kafka.up) return { ...base, topics: [], groups: [], dlq: null };

  const admin = await createTopicAdmin({ brokers: s.brokers, clientId: 'pipeline-status' });
  try {
    const existing = new Set(await admin.listTopics());
    const source = sourceTopics(s.names);
    const roles: [string, TopicRole][] = [
      [source.employees, 'source'],
      [source.activities, 'source'],
      [s.names.processedTopic, 'processed'],
      [s.names.summariesTopic, 'summaries'],
      [s.names.summariesChangelogTopic, 'changelog'],
      [s.names.dlqTopic, 'dlq'],
    ];
    const ends: EndOffsets = new Map(await Promise.all(roles.filter(([t]) => existing.has(t)).map(async ([t]) => [t, await admin.endOffsets(t)] as const)));
    const topics = roles.map(([t, role]) => topicSnapshot(ends, t, role));
    const groups = await Promise.all([
      groupSnapshot(admin, ends, 'enrichment-processor', s.processorGroupId, source.activities),
      groupSnapshot(admin, ends, 'summary-aggregator', s.aggregatorGroupId, s.names.processedTopic),
    ]);
    const dlqTopic = topics.find((t) => t.role === 'dlq');
    const counts = !dlq || !dlqTopic?.exists ? { topic: s.names.dlqTopic, total: 0, byReason: {} } : await dlqCounts(s);
    return { ...base, topics, groups, dlq: counts };
  } finally {
    await admin.close();
  }
};
