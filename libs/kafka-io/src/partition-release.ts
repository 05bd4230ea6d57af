import type { TopicPartition } from './eos-client.js';
import { partitionKey, type EosLoopState, type PartitionState } from './eos-loop-state.js';

/** Forgets an ownership (if it is still the current one) and closes its transactor. */
export const forgetPartition = async (loop: EosLoopState, state: PartitionState): Promise<void> => {
  const key = partitionKey(state.topic, state.partition);
  if (loop.partitions.get(key) === state) loop.partitions.delete(key);
  await state.transactor.close().catch(() => undefined);
};

/**
 * After a group join: partitions no longer assigned here are released once their work is done;
 * those kept are checked (queued behind their work) so that they keep their state and go on at once,
 * idle work included, without waiting for a record.
 */
export const applyAssignment = (loop: EosLoopState, assignment: readonly TopicPartition[]): void => {
  const generation = loop.generation;
  const assigned = new Set(assignment.map((a) => partitionKey(a.topic, a.partition)));
  for (const [key, state] of loop.partitions) {
    if (assigned.has(key)) {
      state.busy = state.busy.then(() => confirmKept(loop, state, generation)).catch(() => undefined);
      continue;
    }
    loop.partitions.delete(key);
    state.busy = state.busy.then(async () => {
      await state.transactor.close().catch(() => undefined);
      loop.on('eos.released', { topic: state.topic, partition: state.partition });
      loop.released({ topic: state.topic, partition: state.partition });
    });
  }
};

/**
 * A partition still assigned after a join keeps its state when the group's committed position is the
 * one this member committed last (offset and metadata): nobody else advanced it in between. Otherwise
 * the ownership ends and the next batch claims the partition afresh (fence, read, restore). If someone
 * fenced the kept transactor without committing, its next commit fails as fenced and the same happens.
 */
export const confirmKept = async (loop: EosLoopState, state: PartitionState, generation: number): Promise<void> => {
  const key = partitionKey(state.topic, state.partition);
  if (loop.partitions.get(key) !== state || state.generation === generation || loop.generation !== generation) return;
  const committed = await loop.client.offsets.committed(loop.groupId, state);
  if (loop.partitions.get(key) !== state || loop.generation !== generation) return;
  if (committed.offset === state.committed && (committed.metadata || null) === (state.metadata || null)) {
    state.generation = generation;
    loop.on('eos.kept', { topic: state.topic, partition: state.partition, committed: state.committed.toString() });
    return;
  }
  await forgetPartition(loop, state);
  loop.on('eos.moved', { topic: state.topic, partition: state.partition, was: state.committed.toString(), now: committed.offset.toString() });
};
