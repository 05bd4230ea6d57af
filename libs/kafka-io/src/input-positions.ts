import type { PartitionOffsets } from './partition-offsets.js';
import { partitionKey } from './kafka-records.js';

/** What a consumer group holds for one input partition, beside what the partition holds. */
export interface InputPartitionView {
  readonly topic: string;
  readonly partition: number;
  /** The group's committed offset; -1 when it has none. */
  readonly committed: bigint;
  readonly range: Pick<PartitionOffsets, 'low' | 'high'>;
  /** Whether the app already wrote outputs from this partition (or from any, when it cannot tell). */
  readonly outputsExist: boolean;
}

export type InputPositionProblem = {
  /**
   * `beyond_end`: the committed position is past the end a `read_committed` reader sees (the last
   * stable offset). A recreated topic looks so, and so does, for up to the transaction timeout, a
   * partition whose end an open transaction holds back (its producer killed mid-transaction).
   */
  readonly kind: 'no_committed_position' | 'out_of_range' | 'beyond_end';
  readonly topic: string;
  readonly partition: number;
  readonly message: string;
};

const REBUILD = 'run `npm run pipeline -- rebuild` to reset the outputs and replay the inputs deliberately';

/**
 * Where an app would resume on a partition and why it must not (SPEC section 4): a lost committed
 * position with outputs already written would count everything again; a committed position
 * outside the partition means records were deleted unread (retention) or the topic was recreated,
 * and KafkaJS would jump to the earliest record without a word.
 */
export const judgeInputPosition = ({ topic, partition, committed, range, outputsExist }: InputPartitionView): InputPositionProblem | undefined => {
  const where = partitionKey(topic, partition);
  if (committed < 0n) {
    if (range.low > 0n) {
      return {
        kind: 'out_of_range',
        topic,
        partition,
        message: `${where}: no committed position, and records 0..${range.low - 1n} were already deleted (log start ${range.low}); the outputs would miss them: ${REBUILD} (it asks Debezium for a new snapshot)`,
      };
    }
    if (outputsExist && range.high > range.low) {
      return {
        kind: 'no_committed_position',
        topic,
        partition,
        message: `${where}: the outputs already hold records but the group has no committed position for this input (offsets deleted, expired past offsets.retention.minutes, or reset by hand); starting from the beginning would count everything again: ${REBUILD}`,
      };
    }
    return undefined;
  }
  if (committed < range.low) {
    return {
      kind: 'out_of_range',
      topic,
      partition,
      message: `${where}: committed position ${committed} is below the log start ${range.low}: records ${committed}..${range.low - 1n} were deleted (retention) before this app read them: ${REBUILD}`,
    };
  }
  if (committed > range.high) {
    return {
      kind: 'beyond_end',
      topic,
      partition,
      message: `${where}: committed position ${committed} is beyond the end ${range.high} (was the topic deleted and created again?): ${REBUILD}`,
    };
  }
  return undefined;
};
