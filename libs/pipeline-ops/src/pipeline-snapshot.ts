import type { ConnectorStatus } from '@eap/connect-io';
import type { PostgresInspection } from '@eap/pg-io';

/** Whether a server answered, where, and what it said. */
export type ServiceProbe =
  { readonly up: true; readonly address: string; readonly detail: string } | { readonly up: false; readonly address: string; readonly error: string };

export type TopicRole = 'source' | 'processed' | 'summaries' | 'changelog' | 'dlq';

export interface TopicSnapshot {
  readonly topic: string;
  readonly role: TopicRole;
  readonly exists: boolean;
  readonly partitions: number;
  /** Sum of the partitions' end offsets. */
  readonly endOffset: bigint;
}

export interface GroupPartitionLag {
  readonly partition: number;
  /** null: nothing committed yet (the group reads from the beginning). */
  readonly committed: bigint | null;
  readonly end: bigint;
  readonly lag: bigint;
  /**
   * Age in seconds of the oldest record not yet processed (the one at the committed offset), by its
   * Kafka timestamp: when it was written to the topic. 0 when there is no lag; null when unknown.
   */
  readonly lagSeconds: number | null;
}

/** One member of a consumer group: an app instance, named by its clientId (`<app>/<instanceId>@<healthHost>:<healthPort>`). */
export interface GroupMember {
  readonly memberId: string;
  readonly clientId: string;
  /** From the clientId; null for a member whose clientId has another shape (an older or foreign one). */
  readonly instanceId: string | null;
  /** The address the member connects to Kafka from, as the broker sees it. */
  readonly host: string;
  /** Its health server (`http://host:port`, from the clientId); null when the clientId does not say. */
  readonly healthAddress: string | null;
  /** The partitions of the group's topic assigned to it; none for a standby (or during a rebalance). */
  readonly partitions: readonly number[];
  /** Sum of the lag of the partitions it owns, in records. */
  readonly lag: bigint;
  /** The largest lag in seconds of the partitions it owns (0 for none; null when unknown). */
  readonly lagSeconds: number | null;
}

export interface GroupSnapshot {
  readonly app: 'enrichment-processor' | 'summary-aggregator';
  readonly groupId: string;
  readonly topic: string;
  readonly state: string;
  readonly members: number;
  /** Each member, by instance id (members with an unknown instance last). */
  readonly memberDetails: readonly GroupMember[];
  readonly partitions: readonly GroupPartitionLag[];
  readonly lag: bigint;
  /** The largest lag in seconds of its partitions (null when one is unknown). */
  readonly lagSeconds: number | null;
}

/** Everything `status` shows and `doctor` judges, read at one moment. */
export interface PipelineSnapshot {
  readonly at: number;
  readonly postgres: PostgresInspection & { readonly address: string; readonly slotName: string };
  readonly kafka: ServiceProbe;
  /** The brokers the settings name (KAFKA_BROKERS) and those the cluster lists as alive; null when Kafka is down. */
  readonly brokers: { readonly configured: readonly string[]; readonly live: readonly string[] } | null;
  readonly connect: ServiceProbe;
  readonly registry: ServiceProbe;
  /** null when Connect is down; `missing` when it has no such connector. */
  readonly connector: { readonly name: string; readonly status: ConnectorStatus | 'missing' } | null;
  readonly topics: readonly TopicSnapshot[];
  readonly groups: readonly GroupSnapshot[];
  /** DLQ records by `dlq.reason`; null when Kafka is down. */
  readonly dlq: { readonly topic: string; readonly total: number; readonly byReason: Readonly<Record<string, number>> } | null;
}
