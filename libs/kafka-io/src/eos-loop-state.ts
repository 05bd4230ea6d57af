import type { EosClient, TopicPartition } from './eos-client.js';
import type { EosEvent } from './exactly-once-options.js';
import type { PartitionTransactor } from './partition-transactor.js';

/**
 * One ownership of one input partition. It lasts across group joins that leave the partition here and
 * in the position this member left it; it ends when the partition goes to another member, when someone
 * else advanced it, or when its work fails.
 */
export interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  /** The last group generation this ownership was confirmed in. */
  generation: number;
  readonly transactor: PartitionTransactor;
  committed: bigint;
  metadata: string | null;
  fresh: boolean;
  /** Batches, idle work and checks on the partition run one after the other. */
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
  /** Called once a partition this member held went to another member (its state can go). */
  readonly released: (at: TopicPartition) => void;
  /** The member stops for good (the work's `onCrash`): an error no retry can help. */
  readonly crash: (error: Error) => void;
  /** How long a batch of a partition just fenced waits before checking the membership (a heartbeat). */
  readonly fencedPauseMs: number;
  /** Counts group joins: a partition confirmed in an older generation is checked again before use. */
  generation: number;
  assignment: readonly TopicPartition[] | null;
}

export { partitionKey } from './kafka-records.js';
