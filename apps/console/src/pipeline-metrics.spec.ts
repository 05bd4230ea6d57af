import type { GroupSnapshot, PipelineSnapshot } from '@eap/pipeline-ops';
import { createConsoleStore } from './console-state.js';
import { pipelineMetricsText } from './pipeline-metrics.js';

const group: GroupSnapshot = {
  app: 'enrichment-processor',
  groupId: 'g"1',
  topic: 'activities',
  state: 'Empty',
  members: 0,
  memberDetails: [],
  partitions: [{ partition: 0, committed: 10n, end: 14n, lag: 4n, lagSeconds: 37.5 }],
  lag: 4n,
  lagSeconds: 37.5,
};
const snapshot: PipelineSnapshot = {
  at: 1_000,
  postgres: {
    kind: 'up',
    serverVersion: '15',
    walLevel: 'logical',
    startedAt: 0,
    maxSlotWalKeepBytes: -1,
    slot: { active: true, retainedBytes: 800, walStatus: 'reserved', unconfirmedBytes: 336, lagSeconds: 0.4 },
    address: 'pg',
    slotName: 'employee_slot',
  },
  kafka: { up: true, address: 'k', detail: '' },
  brokers: { configured: ['k'], live: ['k'] },
  connect: { up: false, address: 'c', error: 'down' },
  registry: { up: true, address: 'r', detail: '' },
  connector: null,
  topics: [],
  groups: [group],
  dlq: { topic: 'dlq', total: 2, byReason: { late: 2 } },
};

describe('pipelineMetricsText', () => {
  it('gives lag in records and seconds per partition, the capture, the DLQ, components and alerts, while the app is down', () => {
    const store = createConsoleStore({ historyPoints: 5, eventsKept: 1, dlqKept: 1, summaryHours: 1 });
    store.onSnapshot(snapshot);
    const text = pipelineMetricsText(store.state);
    expect(text).toContain('# TYPE pipeline_group_lag_seconds gauge');
    expect(text).toContain('pipeline_group_lag_records{group="g\\"1",app="enrichment-processor",topic="activities",partition="0"} 4');
    expect(text).toContain('pipeline_group_lag_seconds{group="g\\"1",app="enrichment-processor",topic="activities",partition="0"} 37.5');
    expect(text).toContain('pipeline_capture_lag_bytes{slot="employee_slot"} 336');
    expect(text).toContain('pipeline_capture_lag_seconds{slot="employee_slot"} 0.4');
    expect(text).toContain('pipeline_dlq_records{reason="late"} 2');
    expect(text).toContain('pipeline_component_up{component="connect"} 0');
    // The group with lag and no members is an alert, counted here too.
    expect(text).toContain('pipeline_alerts{check="lag:enrichment-processor",severity="fail"} 1');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('is only the alerts family before the first read', () => {
    const text = pipelineMetricsText(createConsoleStore({ historyPoints: 5, eventsKept: 1, dlqKept: 1, summaryHours: 1 }).state);
    expect(text).toBe('# HELP pipeline_alerts Alerts doctor raises now (1 each), by check and severity\n# TYPE pipeline_alerts gauge\n');
  });
});
