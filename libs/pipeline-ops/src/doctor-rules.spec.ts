import type { ConnectorStatus } from '@eap/connect-io';
import { diagnose, worstSeverity } from './doctor-rules.js';
import type { VerifyResult } from './verify-summaries.js';
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
  lagSeconds: 0,
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
    slot: { active: true, retainedBytes: 10_000, walStatus: 'reserved', unconfirmedBytes: 120, lagSeconds: 0.2 },
    address: '127.0.0.1:5433/streaming_db',
    slotName: 'employee_slot',
  },
  kafka: { up: true, address: '127.0.0.1:9092', detail: '1 broker' },
  brokers: { configured: ['127.0.0.1:9092'], live: ['127.0.0.1:9092'] },
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
      'brokers',
      'capture',
      'lag-seconds:summary-aggregator',
      'dlq:arriving',
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

  it("names the subject and the rule when the registry refused a changed table's schema, and how to let it through", () => {
    const trace =
      'org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n\tat x\n' +
      'Caused by: io.apicurio.registry.rest.client.exception.RuleViolationException: Incompatible artifact: p.public.employee_activities-value [AVRO], num of incompatible diffs: {1}, list of diff types: [reader union lacking writer type: RECORD at /fields/1/type/1]\n\tat y';
    const now = healthy({ connector: { name: 'employee-connector', status: { ...running, tasks: [{ id: 0, state: 'FAILED', worker_id: 'w', trace }] } } });
    const [finding, ...others] = failing(now, now);
    expect(others).toEqual([]);
    expect(finding).toMatchObject({ check: 'connector', action: 'restart_connector' });
    expect(finding!.message).toContain('task(s) 0 FAILED of employee-connector: the registry refused the new schema of p.public.employee_activities-value');
    expect(finding!.message).toContain('reader union lacking writer type');
    expect(finding!.message).not.toContain('Tolerance exceeded');
    expect(finding!.fix).toContain("'http://127.0.0.1:8081/apis/registry/v3/groups/default/artifacts/p.public.employee_activities-value/rules'");
    expect(finding!.fix).toContain('npm run pipeline -- doctor --fix');
    expect(finding!.fix).toContain(
      "once the task runs, give the subject back to the global rule: curl -X DELETE 'http://127.0.0.1:8081/apis/registry/v3/groups/default/artifacts/p.public.employee_activities-value/rules/COMPATIBILITY'",
    );
  });

  it('says a task failed on a request to the registry, and to bring the registry back before the restart', () => {
    const trace =
      'org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n\tat x\nCaused by: io.apicurio.registry.rest.client.exception.RestClientException\n\tat y';
    const failed = { connector: { name: 'employee-connector', status: { ...running, tasks: [{ id: 0, state: 'FAILED' as const, worker_id: 'w', trace }] } } };
    const down = healthy({ ...failed, registry: { up: false, address: 'http://127.0.0.1:8081', error: 'fetch failed' } });
    const connector = (s: PipelineSnapshot) => diagnose(s, s).find((f) => f.check === 'connector')!;
    expect(connector(down)).toMatchObject({ severity: 'fail', action: 'restart_connector' });
    expect(connector(down).message).toContain("task(s) 0 FAILED of employee-connector: the Avro converter's request to the registry failed");
    expect(connector(down).fix).toMatch(/^bring the registry back first \(see the registry check\), then npm run pipeline -- doctor --fix/);
    expect(connector(healthy(failed)).fix).toMatch(/^the registry answers again: npm run pipeline -- doctor --fix/);
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

describe('diagnose: alerts', () => {
  const thresholds = { lagSeconds: 30, slotWalShare: 0.25 };
  const alerts = (earlier: PipelineSnapshot, now: PipelineSnapshot, verify?: VerifyResult) =>
    diagnose(earlier, now, { thresholds, verify }).filter((f) => f.severity !== 'ok');

  it('raises a group more seconds behind than ALERT_LAG_SECONDS: a warning while it has members, a failure without', () => {
    const behind = (members: number) => healthy({ groups: [group({ lag: 40n, lagSeconds: 95, members })] });
    expect(alerts(healthy(), behind(2))).toEqual([
      expect.objectContaining({
        check: 'lag-seconds:summary-aggregator',
        severity: 'warn',
        message: 'summary-aggregator is 1 min 35 s behind on t (40 records), above ALERT_LAG_SECONDS=30',
      }),
    ]);
    expect(alerts(healthy(), behind(0)).map((f) => [f.check, f.severity])).toEqual([
      ['lag:summary-aggregator', 'fail'],
      ['lag-seconds:summary-aggregator', 'fail'],
    ]);
    expect(alerts(healthy(), healthy({ groups: [group({ lag: 40n, lagSeconds: 29, members: 1 })] }))).toEqual([]);
  });

  it('raises the capture behind the WAL, and the slot past ALERT_SLOT_WAL_PERCENT', () => {
    const pg = healthy().postgres;
    if (pg.kind !== 'up' || !pg.slot) throw new Error('fixture');
    const capture = healthy({ postgres: { ...pg, slot: { ...pg.slot, lagSeconds: 45, unconfirmedBytes: 9_000_000 } } });
    expect(alerts(healthy(), capture)).toEqual([
      expect.objectContaining({ check: 'capture', severity: 'warn', message: expect.stringContaining('45 s behind') }),
    ]);
    const retaining = healthy({ postgres: { ...pg, slot: { ...pg.slot, retainedBytes: 600 * MB } } });
    expect(alerts(healthy(), retaining)).toEqual([
      expect.objectContaining({ check: 'slot', message: expect.stringContaining('29 % of max_slot_wal_keep_size (2048 MB), above ALERT_SLOT_WAL_PERCENT=25') }),
    ]);
  });

  it('raises dead letters that arrived since the earlier look, by reason, and nothing for old ones alone', () => {
    const dlq = (byReason: Record<string, number>) => ({ topic: 'dlq', total: Object.values(byReason).reduce((a, b) => a + b, 0), byReason });
    const arriving = alerts(healthy({ dlq: dlq({ late: 2 }) }), healthy({ at: 10_000, dlq: dlq({ late: 5, missing_employee: 1 }) }));
    expect(arriving.find((f) => f.check === 'dlq:arriving')?.message).toBe('4 new record(s) in dlq in 10 s: late 3, missing_employee 1');
    expect(alerts(healthy({ dlq: dlq({ late: 5 }) }), healthy({ dlq: dlq({ late: 5 }) })).map((f) => f.check)).toEqual(['dlq']);
  });

  it('raises a broker that stopped answering: fewer than configured, or than at the earlier look', () => {
    const three = ['127.0.0.1:9092', '127.0.0.1:9192', '127.0.0.1:9292'];
    const down = healthy({ brokers: { configured: three, live: [three[0]!, three[2]!] } });
    expect(alerts(healthy({ brokers: { configured: three, live: three } }), down)).toEqual([
      expect.objectContaining({ check: 'brokers', message: '2 of 3 brokers alive; not answering: 127.0.0.1:9192' }),
    ]);
    const oneConfigured = (live: string[]) => healthy({ brokers: { configured: [three[0]!], live } });
    expect(alerts(oneConfigured(three), oneConfigured([three[0]!])).map((f) => f.message)).toEqual(['1 of 3 brokers alive']);
    expect(alerts(oneConfigured(three), oneConfigured(three))).toEqual([]);
  });

  it('fails on verify differences at a quiet moment, and does not judge one taken under load', () => {
    const result = (lag: bigint): VerifyResult =>
      ({
        ok: false,
        report: { horizon: null, matched: 10, mismatched: [{}], missing: [{}, {}], extra: [] },
        aggregator: { lag },
        duplicates: { count: 0, examples: [] },
      }) as unknown as VerifyResult;
    expect(alerts(healthy(), healthy(), result(0n))).toEqual([
      expect.objectContaining({ check: 'verify', severity: 'fail', message: '3 summary group(s) differ from SQL GROUP BY' }),
    ]);
    expect(alerts(healthy(), healthy(), result(12n))).toEqual([]);
    // Rows the processor has not read yet are differences of a moment, too.
    expect(alerts(healthy(), healthy({ groups: [group({ lag: 2n, lagSeconds: 0.4, members: 1 })] }), result(0n))).toEqual([]);
  });
});
