import type { KafkaClientOptions } from './kafka-client-factory.js';
import type { InputRecord, OutputRecord } from './kafka-records.js';

export interface PartitionContext {
  readonly topic: string;
  readonly partition: number;
  /** True on the first batch after this process (re)gained the partition: restore state from `metadata`. */
  readonly fresh: boolean;
  /** The metadata committed with the partition's offset by the last successful transaction. */
  readonly metadata: string | null;
  /** Keeps the group membership alive during long work (such as restoring state) inside one batch. */
  readonly heartbeat: () => Promise<void>;
}

export interface BatchResult {
  readonly outputs: readonly OutputRecord[];
  /** Small state committed atomically with the offset (for example the last source position). */
  readonly metadata: string | null;
}

export type EosEvent =
  | 'eos.joined'
  | 'eos.rebalancing'
  | 'eos.assigned'
  | 'eos.kept'
  | 'eos.moved'
  | 'eos.released'
  | 'eos.fenced'
  | 'eos.committed'
  | 'eos.skipped_below_committed'
  | 'eos.batch_failed'
  | 'eos.idle_committed'
  | 'eos.idle_failed'
  | 'eos.consumer_restart';

/** Work on a partition that received nothing for a while (for example closing windows on the wall clock). */
export interface IdleWork {
  readonly everyMs: number;
  /** Outputs and new metadata to commit at the same input offset, or null for nothing to write. */
  readonly handle: (ctx: Omit<PartitionContext, 'fresh'>) => Promise<BatchResult | null>;
}

/** What the loop does with what it consumes, whichever client carries it. */
export interface ExactlyOnceWork {
  readonly groupId: string;
  /** Transactional ids are `<prefix>-<topic>-<partition>`: stable per input partition. */
  readonly transactionalIdPrefix: string;
  readonly handleBatch: (records: readonly InputRecord[], ctx: PartitionContext) => Promise<BatchResult>;
  readonly on?: (event: EosEvent, detail: Readonly<Record<string, unknown>>) => void;
  /**
   * The consumer stopped for good (for example this member was fenced as a zombie, or retries ran out).
   * Required: a library never exits the process; an app typically exits with 1 for its supervisor to
   * start a fresh member.
   */
  readonly onCrash: (error: Error) => void;
  /** A partition this member held went to another member at a group join: drop its state. */
  readonly onReleased?: (at: { readonly topic: string; readonly partition: number }) => void;
  /** Runs `idle.handle` on each owned partition that had no batch for `idle.everyMs`, in a transaction of its own. */
  readonly idle?: IdleWork;
}

export interface ExactlyOnceOptions extends ExactlyOnceWork {
  readonly kafka: KafkaClientOptions;
  readonly topics: readonly string[];
  readonly partitionsConsumedConcurrently?: number;
  readonly fromBeginning?: boolean;
  /** How long a fetch waits for records before returning what it has: the most batching adds to latency. */
  readonly maxWaitTimeInMs?: number;
  /** The most a fetch brings of one partition, so the largest batch (one transaction) on a backlog. Default 1 MiB. */
  readonly maxBytesPerPartition?: number;
}

export interface ExactlyOnceLoop {
  /** The partitions the group gave this member at its last join; null while (re)joining. */
  assignment(): readonly { readonly topic: string; readonly partition: number }[] | null;
  stop(): Promise<void>;
}
