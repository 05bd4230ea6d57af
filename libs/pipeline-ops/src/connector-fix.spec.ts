import type { ConnectorStatus } from '@eap/connect-io';
import { connectorFixFor } from './connector-fix.js';

const status = (connector: ConnectorStatus['connector']['state'], task: ConnectorStatus['connector']['state'] = 'RUNNING'): ConnectorStatus => ({
  name: 'employee-connector',
  connector: { state: connector, worker_id: 'w' },
  tasks: [{ id: 0, state: task, worker_id: 'w' }],
});

describe('connectorFixFor', () => {
  it('resumes a stopped or paused connector, which a restart would leave as it is', () => {
    expect(connectorFixFor(status('STOPPED'))).toBe('resume_connector');
    expect(connectorFixFor(status('PAUSED', 'PAUSED'))).toBe('resume_connector');
  });

  it('restarts a failed connector or one with a failed task, and a running one on request', () => {
    expect(connectorFixFor(status('FAILED'))).toBe('restart_connector');
    expect(connectorFixFor(status('RUNNING', 'FAILED'))).toBe('restart_connector');
    expect(connectorFixFor(status('RUNNING'))).toBe('restart_connector');
  });

  it('has nothing to offer without Connect or without the connector', () => {
    expect(connectorFixFor(null)).toBeNull();
    expect(connectorFixFor('missing')).toBeNull();
  });
});
