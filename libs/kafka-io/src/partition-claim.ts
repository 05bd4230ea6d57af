import type { EosLoopState, PartitionState } from './eos-loop-state.js';
import { partitionKey } from './eos-loop-state.js';
import { judgeInputPosition } from './input-positions.js';
import { KafkaIoError } from './kafka-io-error.js';
import { confirmKept, forgetPartition } from './partition-release.js';

/**
 * The partition's state in this generation: the ownership kept across the last join when nobody else
 * advanced the partition, or else a new one. Claiming afresh fences the previous owner (a new
 * transactor with the same transactional id) and only then reads the committed offset and metadata,
 * so nothing below what the previous owner committed is redone.
 */
export const claimPartition = async (loop: EosLoopState, topic: string, partition: number): Promise<PartitionState> => {
  const key = partitionKey(topic, partition);
  let current = loop.partitions.get(key);
  if (current && current.generation !== loop.generation) {
    // Idle work and the join's own check finish (or fail) before anything is compared, restored or fenced.
    await current.busy;
    if (loop.partitions.get(key) === current) await confirmKept(loop, current, loop.generation);
    current = loop.partitions.get(key);
  }
  if (current && current.generation === loop.generation) return current;
  if (current) await forgetPartition(loop, current);
  return claimAfresh(loop, topic, partition);
};

const claimAfresh = async (loop: EosLoopState, topic: string, partition: number): Promise<PartitionState> => {
  const transactor = await loop.client.startTransactor(`${loop.transactionalIdPrefix}-${topic}-${partition}`);
  let committed;
  try {
    committed = await loop.client.offsets.committed(loop.groupId, { topic, partition });
    // A committed position outside the partition: records were deleted unread, or the topic was
    // made again. KafkaJS would silently jump to the earliest record; stop instead.
    const range = await loop.client.offsets.range({ topic, partition });
    const problem = range && judgeInputPosition({ topic, partition, committed: committed.offset, range, outputsExist: false });
    // Past the end may be an open transaction holding the end back: retried (the fetch again, a new
    // claim) until the broker aborts it; the rest cannot come right by waiting.
    if (problem) throw new KafkaIoError('input_position', problem.message, { retriable: problem.kind === 'beyond_end', topic, partition });
  } catch (e) {
    await transactor.close().catch(() => undefined);
    throw e;
  }
  const state: PartitionState = {
    topic,
    partition,
    generation: loop.generation,
    transactor,
    committed: committed.offset,
    metadata: committed.metadata,
    fresh: true,
    busy: Promise.resolve(),
    lastWork: loop.now(),
  };
  loop.partitions.set(partitionKey(topic, partition), state);
  loop.on('eos.assigned', { topic, partition, committed: committed.offset.toString(), transactionalId: transactor.transactionalId });
  return state;
};
