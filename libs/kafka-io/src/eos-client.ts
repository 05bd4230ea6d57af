import type { InputRecord } from './kafka-records.js';
import type { PartitionOffsets } from './partition-offsets.js';
import type { PartitionTransactor } from './partition-transactor.js';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** One fetch of one partition. */
export interface EosBatch extends TopicPartition {
  /** The records fetched, in offset order (aborted ones already filtered out). */
  readonly records: readonly InputRecord[];
  /** The fetch's last offset, which counts the transaction markers after the last record. */
  readonly lastOffset: bigint;
  /** How far `lastOffset` is behind the partition's end when fetched. */
  readonly offsetLag: number;
  /** Marks the batch consumed up to `offset`: the next fetch starts after it. */
  readonly resolveOffset: (offset: bigint) => void;
  readonly heartbeat: () => Promise<void>;
  readonly isRunning: () => boolean;
  /** The partition was taken away (rebalance) or seeked since the fetch. */
  readonly isStale: () => boolean;
}

export type GroupEvent =
  | { readonly type: 'joined'; readonly assignment: readonly TopicPartition[] }
  | { readonly type: 'rebalancing' }
  /** `restart`: the consumer starts again by itself; otherwise it stopped for good. */
  | { readonly type: 'crashed'; readonly error: Error; readonly restart: boolean };

/** A consumer-group member that never commits offsets itself (they go in the transactions). */
export interface EosGroupConsumer {
  listen(listener: (event: GroupEvent) => void): void;
  /** Joins the group and hands over batches until disconnected; a rejected `eachBatch` is fetched again. */
  run(eachBatch: (batch: EosBatch) => Promise<void>): Promise<void>;
  disconnect(): Promise<void>;
}

export interface CommittedOffset {
  /** The group's committed offset; -1 when it has none. */
  readonly offset: bigint;
  readonly metadata: string | null;
}

export interface EosOffsetsReader {
  committed(groupId: string, at: TopicPartition): Promise<CommittedOffset>;
  /** The partition's log start and end; undefined when the broker does not list it. */
  range(at: TopicPartition): Promise<Pick<PartitionOffsets, 'low' | 'high'> | undefined>;
  close(): Promise<void>;
}

/** All the exactly-once loop needs of Kafka. */
export interface EosClient {
  readonly consumer: EosGroupConsumer;
  readonly offsets: EosOffsetsReader;
  /** Starting one fences any earlier producer with the same transactional id. */
  readonly startTransactor: (transactionalId: string) => Promise<PartitionTransactor>;
}
