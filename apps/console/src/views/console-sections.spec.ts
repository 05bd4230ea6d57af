import type { PipelineSnapshot, TailedRecord } from '@eap/pipeline-ops';
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
});
