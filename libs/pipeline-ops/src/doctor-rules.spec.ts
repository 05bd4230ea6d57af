import type { ConnectorStatus } from '@eap/connect-io';
import { diagnose, worstSeverity } from './doctor-rules.js';
import type { GroupSnapshot, PipelineSnapshot } from './pipeline-snapshot.js';

const MB = 1024 * 1024;
const running: ConnectorStatus = { name: 'c', connector: { state: 'RUNNING', worker_id: 'w' }, tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w' }] };
const group = (over: Partial<GroupSnapshot> = {}): GroupSnapshot => ({
  app: 'summary-aggregator',
  groupId: 'g',
  topic: 't',
  state: 'Stable',
  members: 1,
  memberDetails: [],
  partitions: [],
  lag: 0n,
  ...over,
});
const healthy = (over: Partial<PipelineSnapshot> = {}): PipelineSnapshot => ({
  at: 0,
  postgres: {
    kind: 'up',
    serverVersion: '15.20 (Debian)',
    walLevel: 'logical',
    startedAt: 0,
    maxSlotWalKeepBytes: 2048 * MB,
    slot: { active: true, retainedBytes: 10_000, walStatus: 'reserved' },
    address: '127.0.0.1:5433/streaming_db',
    slotName: 'employee_slot',
  },
  kafka: { up: true, address: '127.0.0.1:9092', detail: '1 broker' },
  connect: { up: true, address: 'http://127.0.0.1:8083', detail: '1 connector' },
  registry: { up: true, address: 'http://127.0.0.1:8081', detail: '2 subjects' },
  connector: { name: 'employee-connector', status: running },
  topics: [],
  groups: [group()],
  dlq: { topic: 'dlq', total: 0, byReason: {} },
  ...over,
});
const failing = (earlier: PipelineSnapshot, now: PipelineSnapshot) => diagnose(earlier, now).filter((f) => f.severity !== 'ok');

describe('diagnose', () => {
  it('finds nothing wrong with a healthy pipeline', () => {
    const findings = diagnose(healthy(), healthy({ at: 1_000 }));
    expect(worstSeverity(findings)).toBe('ok');
    expect(findings.map((f) => f.check)).toEqual([
      'postgres',
      'wal_level',
      'slot',
      'kafka',
      'connect',
      'registry',
      'connector',
      'lag:summary-aggregator',
      'dlq',
    ]);
  });

  it.each(['STOPPED', 'PAUSED'] as const)('says a %s connector captures nothing, and offers to resume it', (state) => {
    const now = healthy({ connector: { name: 'employee-connector', status: { ...running, connector: { state, worker_id: 'w' } } } });
    expect(failing(now, now)).toEqual([
      expect.objectContaining({
        check: 'connector',
        severity: 'fail',
        action: 'resume_connector',
        message: `connector employee-connector is ${state}: no changes are captured`,
      }),
    ]);
  });

  it('shows a failed task with the first line of its trace, and offers the restart', () => {
    const now = healthy({
      connector: {
        name: 'employee-connector',
        status: {
          ...running,
          tasks: [{ id: 0, state: 'FAILED', worker_id: 'w', trace: 'org.postgresql.util.PSQLException: FATAL: password authentication failed\n\tat x' }],
        },
      },
    });
    expect(failing(now, now)).toEqual([
      expect.objectContaining({
        check: 'connector',
        action: 'restart_connector',
        message: 'task(s) 0 FAILED of employee-connector: org.postgresql.util.PSQLException: FATAL: password authentication failed',
      }),
    ]);
  });

  it('says a consumer group with lag and no members is not consuming, and which app to start', () => {
    const now = healthy({ groups: [group({ members: 0, state: 'Empty', lag: 42n })] });
    expect(failing(now, now)).toEqual([
      expect.objectContaining({ check: 'lag:summary-aggregator', severity: 'fail', fix: 'start it: npx nx serve summary-aggregator (npm start runs it)' }),
    ]);
  });

  it('warns when a running group falls behind between the two samples', () => {
    const [earlier, now] = [healthy({ groups: [group({ lag: 100n })] }), healthy({ at: 2_000, groups: [group({ lag: 5_000n })] })];
    expect(failing(earlier, now)).toEqual([
      expect.objectContaining({ severity: 'warn', message: 'summary-aggregator is falling behind: lag 100 -> 5000 records in 2.0 s' }),
    ]);
  });

  it('explains PostgreSQL problems: credentials, wal_level, a missing or inactive slot, WAL retained', () => {
    const pg = healthy().postgres;
    const cases: [PipelineSnapshot['postgres'], RegExp][] = [
      [{ kind: 'down', reason: 'bad_credentials', detail: 'password authentication failed', address: 'a', slotName: 's' }, /PGUSER and PGPASSWORD/],
      [{ ...pg, walLevel: 'replica' } as PipelineSnapshot['postgres'], /ALTER SYSTEM SET wal_level = logical/],
      [{ ...pg, slot: null } as PipelineSnapshot['postgres'], /register the connector/],
      [{ ...pg, slot: { active: false, retainedBytes: 5 * MB, walStatus: 'reserved' } } as PipelineSnapshot['postgres'], /not active/],
      [{ ...pg, slot: { active: true, retainedBytes: 1500 * MB, walStatus: 'extended' } } as PipelineSnapshot['postgres'], /73 % of max_slot_wal_keep_size/],
    ];
    for (const [postgres, text] of cases) {
      const now = healthy({ postgres });
      const found = failing(now, now);
      expect(found).toHaveLength(1);
      expect(`${found[0]!.message} ${found[0]!.fix}`).toMatch(text);
    }
  });

  it('reports servers that do not answer, and a DLQ that is not empty', () => {
    const now = healthy({
      registry: { up: false, address: 'http://127.0.0.1:8081', error: 'fetch failed' },
      dlq: { topic: 'dlq', total: 3, byReason: { late: 1, missing_employee: 2 } },
    });
    expect(failing(now, now).map((f) => [f.check, f.severity, f.message])).toEqual([
      ['registry', 'fail', 'registry is not reachable at http://127.0.0.1:8081 (fetch failed)'],
      ['dlq', 'warn', '3 record(s) in dlq: missing_employee 2, late 1'],
    ]);
  });
});
