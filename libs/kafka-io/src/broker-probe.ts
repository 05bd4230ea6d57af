import { connectClient } from './kafka-error-mapping.js';
import { createKafkaClient } from './kafka-client-factory.js';

export interface BrokerProbeResult {
  readonly clusterId: string;
  readonly brokerCount: number;
  /** The live brokers' advertised `host:port`, as the cluster's metadata lists them. */
  readonly brokers: readonly string[];
  readonly controllerId: number | null;
}

/** Asks the cluster for its metadata once, without retries: the broker's own health answer. */
export const probeBroker = async (brokers: readonly string[], timeoutMs = 3_000): Promise<BrokerProbeResult> => {
  const admin = createKafkaClient({ brokers, clientId: 'stack-probe', logLevel: 'nothing', connectionTimeoutMs: timeoutMs, retries: 0 }).admin();
  await connectClient(admin);
  try {
    const cluster = await admin.describeCluster();
    return {
      clusterId: cluster.clusterId,
      brokerCount: cluster.brokers.length,
      brokers: cluster.brokers.map((b) => `${b.host}:${b.port}`),
      controllerId: cluster.controller,
    };
  } finally {
    await admin.disconnect();
  }
};
