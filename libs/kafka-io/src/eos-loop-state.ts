import type { EosClient, TopicPartition } from './eos-client.js';
import type { EosEvent } from './exactly-once-options.js';
import type { PartitionTransactor } from './partition-transactor.js';

/** One ownership of one input partition: it ends at the next group join, or when its work fails. */
export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly generation: number;
  readonly transactor: PartitionTransactor;
  committed: bigint;
  metadata: string | null;
  fresh: boolean;
  /** Batches and idle work on the partition run one after the other. */
  busy: Promise<unknown>;
  lastWork: number;
}

/** What the loop's parts share: the client, the settings, and the partitions owned. */
export interface EosLoopState {
  readonly client: EosClient;
  readonly groupId: string;
  readonly transactionalIdPrefix: string;
  readonly on: (event: EosEvent, detail: Readonly<Record<string, unknown>>) => void;
  readonly now: () => number;
  readonly partitions: Map<string, PartitionState>;
  /** Counts group joins: a partition claimed in an older generation is claimed again. */
  generation: number;
  assignment: readonly TopicPartition[] | null;
}

export { partitionKey } from './kafka-records.js';
