import type { EosLoopState } from './eos-loop-state.js';
import type { IdleWork } from './exactly-once-options.js';
import { forgetPartition } from './partition-release.js';

/**
 * Idle work on partitions owned in this generation, committed (metadata included) but quiet for
 * `everyMs`: queued behind the partition's batches, committed at the same input offset.
 */
export const tickIdle = (loop: EosLoopState, work: IdleWork): void => {
  for (const [key, state] of loop.partitions) {
    if (state.generation !== loop.generation || state.fresh || state.committed < 0n || loop.now() - state.lastWork < work.everyMs) continue;
    const { topic, partition } = state;
    state.lastWork = loop.now();
    state.busy = state.busy.then(async () => {
      if (loop.partitions.get(key) !== state) return;
      try {
        const result = await work.handle({ topic, partition, metadata: state.metadata, heartbeat: async () => undefined });
        if (result === null) return;
        await state.transactor.commit(result.outputs, { groupId: loop.groupId, topic, partition, next: state.committed, metadata: result.metadata });
        state.metadata = result.metadata;
        loop.on('eos.idle_committed', { topic, partition, outputs: result.outputs.length });
      } catch (e) {
        // Someone else may own it now (fenced), or the handler failed: the next batch claims it afresh.
        await forgetPartition(loop, state);
        loop.on('eos.idle_failed', { topic, partition, error: (e as Error).message });
      }
    });
  }
};

/** How often to look for quiet partitions: twice per `everyMs`, at most every 100 ms. */
export const idleTickMs = (work: IdleWork): number => Math.max(100, Math.floor(work.everyMs / 2));
