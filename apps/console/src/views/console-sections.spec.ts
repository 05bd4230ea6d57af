import type { GroupMember, GroupSnapshot, PipelineSnapshot, TailedRecord } from '@eap/pipeline-ops';
import { MICROS_PER_HOUR, summaryKey } from '@eap/windowing';
import { createConsoleStore } from '../console-state.js';
import { renderSections } from './console-sections.js';
import { summaryFilterFrom } from './summaries-view.js';

const w9 = Date.UTC(2026, 10, 25, 9) * 1000;
const snapshot = (connector: 'RUNNING' | 'STOPPED' | null): PipelineSnapshot => ({
  at: 1_000,
  postgres: {
    kind: 'down',
    reason: 'unreachable',
    detail: 'connect ECONNREFUSED 127.0.0.1:5433',
    address: '127.0.0.1:5433/streaming_db',
    slotName: 'employee_slot',
  },
  kafka: { up: true, address: '127.0.0.1:9092', detail: 'cluster x, 1 broker(s)' },
  brokers: { configured: ['127.0.0.1:9092'], live: ['127.0.0.1:9092'] },
  connect: connector
    ? { up: true, address: 'http://127.0.0.1:8083', detail: '1 connector(s)' }
    : { up: false, address: 'http://127.0.0.1:8083', error: 'fetch failed' },
  registry: { up: true, address: 'http://127.0.0.1:8081', detail: '2 subject(s)' },
  connector: connector
    ? { name: 'employee-connector', status: { name: 'employee-connector', connector: { state: connector, worker_id: 'w' }, tasks: [] } }
    : null,
  topics: [],
  groups: [],
  dlq: { topic: 'employee-activities-dlq', total: 3, byReason: { undecodable: 2, late: 1 } },
});
const store = () => createConsoleStore({ historyPoints: 10, eventsKept: 10, dlqKept: 10, summaryHours: 10 });

describe('console sections', () => {
  it('show a stopped connector with the resume button, a down database with why, and DLQ counts by reason', () => {
    const s = store();
    s.onSnapshot(snapshot('STOPPED'));
    const out = renderSections(s.state, {}, 2_000);
    expect(out.stack.text).toMatch(/data-testid="connector-state">STOPPED</);
    expect(out.stack.text).toContain('>Resume connector</button>');
    expect(out.stack.text).toMatch(/<td>postgres<\/td><td class="bad">down<\/td>.*unreachable: connect ECONNREFUSED/);
    expect(out.dlq.text).toMatch(/undecodable<\/td><td class="num">2/);
    // The alerts banner: doctor's findings with their fixes.
    expect(out.alerts.text).toContain(
      '<li class="alert bad" data-check="connector"><strong>✗ connector</strong> connector employee-connector is STOPPED: no changes are captured',
    );
    expect(out.alerts.text).toContain('fix: npm run pipeline -- doctor --fix');
    expect(out.alerts.text).toContain('data-check="postgres"');
  });

  it('say when Connect is down instead of offering a button', () => {
    const s = store();
    s.onSnapshot(snapshot(null));
    const out = renderSections(s.state, {}, 2_000).stack.text;
    expect(out).toContain('Connect is down');
    expect(out).not.toContain('<button');
  });

  it('mark just-arrived events and changed summaries, and apply the viewer’s filter', () => {
    const s = store();
    const record = (offset: string, page: string): TailedRecord => ({
      partition: 0,
      offset,
      timestamp: '2026-11-25T09:00:00.000Z',
      key: '7',
      headers: {},
      encoding: 'avro',
      value: { row_kind: '+I', page_url: page, employee_id: 7 },
    });
    s.onEvents([record('1', '/old')], 0);
    s.onEvents([record('2', '/new')], 50_000);
    const base = { window_end: w9 + MICROS_PER_HOUR, duration_count: 1, total_duration: 5, avg_duration: 5, revision: 1, closed: false };
    s.onSummary(summaryKey(7, 'login', w9), { ...base, employee_id: 7, activity_type: 'login', window_start: w9, activity_count: 4 }, 50_000);
    s.onSummary(summaryKey(8, 'login', w9), { ...base, employee_id: 8, activity_type: 'login', window_start: w9, activity_count: 9 }, 0);
    const out = renderSections(s.state, summaryFilterFrom({ employee: '7', type: ' ' }), 55_000);
    expect(out.events.text).toMatch(/<tr class="fresh" data-offset="0@2">/);
    expect(out.events.text).toMatch(/<tr class="" data-offset="0@1">/);
    expect(out.summaries.text).toContain(`data-key="${summaryKey(7, 'login', w9)}"`);
    expect(out.summaries.text).not.toContain(`data-key="${summaryKey(8, 'login', w9)}"`);
    expect(out.summaries.text).toContain('showing employee 7.');
  });

  it('list each group’s members with instance, partitions and lag, and who joined or left in the last minute', () => {
    const s = store();
    const member = (memberId: string, instanceId: string | null, partitions: number[], lag: bigint): GroupMember => ({
      memberId,
      clientId: instanceId ? `summary-aggregator/${instanceId}@127.0.0.1:41873` : 'summary-aggregator',
      instanceId,
      host: '127.0.0.1',
      healthAddress: instanceId ? 'http://127.0.0.1:41873' : null,
      partitions,
      lag,
      lagSeconds: Number(lag) * 1.5,
    });
    const group = (memberDetails: readonly GroupMember[]): GroupSnapshot => ({
      app: 'summary-aggregator',
      groupId: 'agg',
      topic: 'processed-employee-activities',
      state: 'Stable',
      members: memberDetails.length,
      memberDetails,
      partitions: [
        { partition: 0, committed: 10n, end: 14n, lag: 4n, lagSeconds: 6 },
        { partition: 1, committed: 10n, end: 10n, lag: 0n, lagSeconds: 0 },
        { partition: 2, committed: 1n, end: 9n, lag: 8n, lagSeconds: 12 },
      ],
      lag: 12n,
      lagSeconds: 12,
    });
    s.onSnapshot({ ...snapshot('RUNNING'), at: 0, groups: [group([member('m-1', 'agg-1', [0, 1], 4n), member('m-2', 'agg-2', [2], 8n)])] });
    s.onSnapshot({
      ...snapshot('RUNNING'),
      at: 2_000,
      groups: [group([member('m-1', 'agg-1', [0, 1], 4n), member('m-3', 'agg-3', [2], 8n), member('m-4', null, [], 0n)])],
    });
    const out = renderSections(s.state, {}, 14_000).groups.text;
    expect(out).toMatch(
      /<tr class="" data-member="m-1"><td>agg-1<\/td>\s*<td>127.0.0.1<\/td><td>0, 1<\/td>\s*<td class="num">4<\/td><td class="num">6.0 s<\/td><td><code>http:\/\/127.0.0.1:41873<\/code>/,
    );
    expect(out).toContain('behind by <strong class="" data-testid="lag-seconds">12 s</strong>');
    expect(out).toContain('<td class="num">8</td><td class="num">12 s</td></tr>');
    expect(out).toMatch(/<tr class="fresh" data-member="m-3"><td>agg-3<\/td>\s*<td>127.0.0.1<\/td><td>2<\/td>\s*<td class="num">8<\/td>/);
    expect(out).toMatch(
      /data-member="m-4"><td><code>summary-aggregator<\/code> <span class="muted">\(instance unknown\)<\/span><\/td>\s*<td>127.0.0.1<\/td><td><span class="muted">none \(standby\)<\/span><\/td>/,
    );
    expect(out).toContain('<span class="change left" data-member="m-2">agg-2 left 12 s ago</span>');
    expect(out).toContain('<span class="change joined" data-member="m-3">agg-3 joined 12 s ago</span>');
    const later = renderSections(s.state, {}, 62_000).groups.text;
    expect(later).not.toContain('class="change');
    expect(later).toMatch(/<tr class="" data-member="m-3">/);
  });
});
