import { createConnectClient, type ConnectorStatus } from '@eap/connect-io';
import type { FixAction } from './doctor-rules.js';

/**
 * What brings a connector back: a STOPPED or PAUSED one is resumed (a restart would leave it
 * stopped), anything else is restarted with its tasks. None when Connect or the connector is absent.
 */
export const connectorFixFor = (status: ConnectorStatus | 'missing' | null): FixAction | null => {
  if (status === null || status === 'missing') return null;
  return status.connector.state === 'STOPPED' || status.connector.state === 'PAUSED' ? 'resume_connector' : 'restart_connector';
};

/** Applies a fix through Connect's REST API: the doctor's `--fix` and the console's button. */
export const applyConnectorFix = async (connectUrl: string, connector: string, action: FixAction): Promise<void> => {
  const client = createConnectClient({ baseUrl: connectUrl });
  await (action === 'resume_connector' ? client.resume(connector) : client.restart(connector));
};
