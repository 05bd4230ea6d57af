import type { EosLoopState, PartitionState } from './eos-loop-state.js';
import { partitionKey } from './eos-loop-state.js';
import { judgeInputPosition } from './input-positions.js';
import { KafkaIoError } from './kafka-io-error.js';

/**
 * The partition's state in this generation. Claiming it afresh fences the previous owner (a new
 * transactor with the same transactional id) and only then reads the committed offset and metadata,
 * so nothing below what the previous owner committed is redone.
 */
export const claimPartition = async (loop: EosLoopState, topic: string, partition: number): Promise<PartitionState> => {
  const key = partitionKey(topic, partition);
  const current = loop.partitions.get(key);
  if (current && current.generation === loop.generation) return current;
  loop.partitions.delete(key);
  // Idle work of the previous ownership finishes (or fails) before anything is restored or fenced.
  await current?.busy;
  await current?.transactor.close().catch(() => undefined);
  const transactor = await loop.client.startTransactor(`${loop.transactionalIdPrefix}-${topic}-${partition}`);
  let committed;
  try {
    committed = await loop.client.offsets.committed(loop.groupId, { topic, partition });
    // A committed position outside the partition: records were deleted unread, or the topic was
    // made again. KafkaJS would silently jump to the earliest record; stop instead.
    const range = await loop.client.offsets.range({ topic, partition });
    const problem = range && judgeInputPosition({ topic, partition, committed: committed.offset, range, outputsExist: false });
    if (problem) throw new KafkaIoError('input_position', problem.message, { retriable: false, topic, partition });
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
  loop.partitions.set(key, state);
  loop.on('eos.assigned', { topic, partition, committed: committed.offset.toString(), transactionalId: transactor.transactionalId });
  return state;
};
