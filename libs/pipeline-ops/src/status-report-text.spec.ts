import type { GroupMember, GroupSnapshot, PipelineSnapshot, TopicSnapshot } from './pipeline-snapshot.js';
import { toJson } from './json-text.js';
import { formatStatusReport } from './status-report-text.js';

const topic = (name: string, role: TopicSnapshot['role'], partitions: number, endOffset: bigint): TopicSnapshot => ({
  topic: name,
  role,
  exists: true,
  partitions,
  endOffset,
});
const member = (
  instance: string | null,
  port: number | null,
  partitions: number[],
  lag: bigint,
  lagSeconds: number | null,
  clientId = `${instance?.startsWith('proc') ? 'enrichment-processor' : 'summary-aggregator'}/${instance}@127.0.0.1:${port}`,
): GroupMember => ({
  memberId: `${clientId}-uuid`,
  clientId,
  instanceId: instance,
  host: '127.0.0.1',
  healthAddress: port === null ? null : `http://127.0.0.1:${port}`,
  partitions,
  lag,
  lagSeconds,
});
const lag = (partition: number, committed: bigint, end: bigint, lagSeconds: number | null = end === committed ? 0 : 1.25) => ({
  partition,
  committed,
  end,
  lag: end - committed,
  lagSeconds,
});

const processor: GroupSnapshot = {
  app: 'enrichment-processor',
  groupId: 'employee-server-enrichment-processor',
  topic: 'employee-server.public.employee_activities',
  state: 'Stable',
  members: 2,
  memberDetails: [member('proc-1', 9464, [0], 3n, 1.25), member('proc-2', 40117, [], 0n, 0)],
  partitions: [lag(0, 337_426n, 337_429n)],
  lag: 3n,
  lagSeconds: 1.25,
};
const aggregator: GroupSnapshot = {
  app: 'summary-aggregator',
  groupId: 'employee-server-summary-aggregator',
  topic: 'processed-employee-activities',
  state: 'Stable',
  members: 3,
  memberDetails: [member('agg-1', 9465, [0, 1], 4n, 1.25), member('agg-2', 41873, [2], 8n, 200), member(null, null, [], 0n, 0, 'summary-aggregator')],
  partitions: [lag(0, 124_310n, 124_310n), lag(1, 101_544n, 101_548n), lag(2, 98_112n, 98_120n, 200)],
  lag: 12n,
  lagSeconds: 200,
};
const snapshot = (at: number, groups: readonly GroupSnapshot[]): PipelineSnapshot => ({
  at,
  postgres: { kind: 'down', reason: 'unreachable', detail: 'ECONNREFUSED', address: '127.0.0.1:5433/streaming_db', slotName: 'employee_slot' },
  kafka: { up: true, address: '127.0.0.1:9092', detail: 'cluster c, 1 broker(s)' },
  brokers: { configured: ['127.0.0.1:9092'], live: ['127.0.0.1:9092'] },
  connect: { up: false, address: 'http://127.0.0.1:8083', error: 'fetch failed' },
  registry: { up: true, address: 'http://127.0.0.1:8081/apis/ccompat/v7', detail: '21 subject(s)' },
  connector: null,
  topics: [
    topic('employee-server.public.employees', 'source', 1, 300n),
    topic('employee-server.public.employee_activities', 'source', 1, 337_429n),
    topic('processed-employee-activities', 'processed', 3, 323_978n),
  ],
  groups,
  dlq: { topic: 'employee-activities-dlq', total: 0, byReason: {} },
});

const groupsPart = (text: string) => text.slice(text.indexOf('CONSUMER GROUPS'), text.indexOf('\nDLQ'));

describe('formatStatusReport', () => {
  it('lists each member of a group under its partitions: instance, host, health, partitions and lag', () => {
    const text = formatStatusReport(snapshot(0, [processor, aggregator]), snapshot(1_000, [processor, aggregator]));
    expect(groupsPart(text).split('\n')).toEqual([
      'CONSUMER GROUPS',
      '  employee-server-enrichment-processor (enrichment-processor): Stable, 2 member(s), lag 3 (1.3 s) on employee-server.public.employee_activities',
      '    partition 0: committed 337,426, end 337,429, lag 3 (1.3 s)',
      '    member proc-1  host 127.0.0.1  health http://127.0.0.1:9464   partitions 0               lag 3 (1.3 s)',
      '    member proc-2  host 127.0.0.1  health http://127.0.0.1:40117  partitions none (standby)  lag 0 (0.0 s)',
      '  employee-server-summary-aggregator (summary-aggregator): Stable, 3 member(s), lag 12 (3 min 20 s) on processed-employee-activities',
      '    partition 0: committed 124,310, end 124,310, lag 0 (0.0 s)',
      '    partition 1: committed 101,544, end 101,548, lag 4 (1.3 s)',
      '    partition 2: committed 98,112, end 98,120, lag 8 (3 min 20 s)',
      '    member agg-1                                  host 127.0.0.1  health http://127.0.0.1:9465   partitions 0, 1            lag 4 (1.3 s)',
      '    member agg-2                                  host 127.0.0.1  health http://127.0.0.1:41873  partitions 2               lag 8 (3 min 20 s)',
      '    member summary-aggregator (instance unknown)  host 127.0.0.1  health unknown                 partitions none (standby)  lag 0 (0.0 s)',
      '',
    ]);
  });

  it('says under the activities topic why one enrichment instance reads it, and under the processed topic how the aggregators share it', () => {
    const text = formatStatusReport(snapshot(0, [processor, aggregator]), snapshot(1_000, [processor, aggregator]));
    const topics = text.slice(text.indexOf('TOPICS'), text.indexOf('\nCONSUMER GROUPS')).split('\n');
    expect(topics.slice(2, 6)).toEqual([
      '  employee-server.public.employee_activities                          1      337,429      0.0',
      '    1 partition by design (a TRUNCATE must stay ordered with the rows before and after it):',
      '    one enrichment-processor instance reads it, the others stand by; all read the whole employees topic',
      '  processed-employee-activities                                       3      323,978      0.0',
    ]);
    expect(topics[6]).toBe('    3 partition(s): up to 3 summary-aggregator instance(s) share them; more stand by');
  });

  it('shows a group with no members as before, and members without partitions during a rebalance without calling them standby', () => {
    const empty = { ...aggregator, state: 'Empty', members: 0, memberDetails: [] };
    expect(groupsPart(formatStatusReport(snapshot(0, [empty]), snapshot(1_000, [empty])))).not.toContain('member ');
    const rebalancing = { ...processor, state: 'PreparingRebalance' };
    expect(groupsPart(formatStatusReport(snapshot(0, [rebalancing]), snapshot(1_000, [rebalancing])))).toContain(
      'member proc-2  host 127.0.0.1  health http://127.0.0.1:40117  partitions none  lag 0 (0.0 s)',
    );
  });

  it('gives the capture lag under the replication slot, in bytes and seconds, or says no connector reads it', () => {
    const up = (slot: { active: boolean; lagSeconds: number | null }): PipelineSnapshot => ({
      ...snapshot(1_000, []),
      postgres: {
        kind: 'up',
        serverVersion: '15.20 (Debian)',
        walLevel: 'logical',
        startedAt: 0,
        maxSlotWalKeepBytes: -1,
        slot: { ...slot, retainedBytes: 81_920, walStatus: 'reserved', unconfirmedBytes: 4_096 },
        address: '127.0.0.1:5433/streaming_db',
        slotName: 'employee_slot',
      },
    });
    const slotLine = (s: PipelineSnapshot) =>
      formatStatusReport(s, s)
        .split('\n')
        .find((l) => l.startsWith('  employee_slot'));
    expect(slotLine(up({ active: true, lagSeconds: 0.36 }))).toBe(
      '  employee_slot: active, WAL retained 81,920 bytes (reserved); capture lag 4,096 bytes, 0.4 s',
    );
    expect(slotLine(up({ active: false, lagSeconds: null }))).toBe(
      '  employee_slot: INACTIVE, WAL retained 81,920 bytes (reserved); capture lag 4,096 bytes, no connector reading',
    );
  });

  it('puts the members in the JSON of `status --json`, lag as a decimal string', () => {
    const json = JSON.parse(toJson(snapshot(1_000, [processor, aggregator]))) as { groups: { memberDetails: unknown[] }[] };
    expect(json.groups[1]?.memberDetails[1]).toEqual({
      memberId: 'summary-aggregator/agg-2@127.0.0.1:41873-uuid',
      clientId: 'summary-aggregator/agg-2@127.0.0.1:41873',
      instanceId: 'agg-2',
      host: '127.0.0.1',
      healthAddress: 'http://127.0.0.1:41873',
      partitions: [2],
      lag: '8',
      lagSeconds: 200,
    });
  });
});
