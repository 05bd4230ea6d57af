import type { EosBatch } from './eos-client.js';
import { partitionKey, type EosLoopState } from './eos-loop-state.js';
import type { ExactlyOnceWork } from './exactly-once-options.js';
import { KafkaIoError } from './kafka-io-error.js';
import { claimPartition } from './partition-claim.js';

/** Handles one fetched batch: records at or above the committed offset, outputs and next offset in one transaction. */
export const createEosBatchHandler =
  (loop: EosLoopState, handleBatch: ExactlyOnceWork['handleBatch']) =>
  async (batch: EosBatch): Promise<void> => {
    const { topic, partition, heartbeat } = batch;
    if (!batch.isRunning() || batch.isStale() || batch.records.length === 0) return;
    const state = await claimPartition(loop, topic, partition);
    // Past the transaction markers the fetch returned after the last record (lastOffset counts
    // them), so a quiet partition shows no lag.
    const lastRecord = batch.records[batch.records.length - 1]!.offset;
    const last = batch.lastOffset > lastRecord ? batch.lastOffset : lastRecord;
    const records = batch.records.filter((r) => state.committed < 0n || r.offset >= state.committed);
    if (records.length < batch.records.length) loop.on('eos.skipped_below_committed', { topic, partition, skipped: batch.records.length - records.length });
    if (records.length === 0) {
      batch.resolveOffset(last);
      return;
    }
    const work = state.busy.then(async () => {
      try {
        const result = await handleBatch(records, { topic, partition, fresh: state.fresh, metadata: state.metadata, heartbeat });
        await state.transactor.commit(result.outputs, { groupId: loop.groupId, topic, partition, next: last + 1n, metadata: result.metadata });
        state.committed = last + 1n;
        state.metadata = result.metadata;
        state.fresh = false;
        state.lastWork = loop.now();
        loop.on('eos.committed', {
          topic,
          partition,
          records: records.length,
          outputs: result.outputs.length,
          next: state.committed.toString(),
          lag: batch.offsetLag,
        });
      } catch (e) {
        // Forget the partition: the retry re-fences, re-reads the committed offset and restores state.
        loop.partitions.delete(partitionKey(topic, partition));
        await state.transactor.close().catch(() => undefined);
        const fenced = e instanceof KafkaIoError && e.code === 'fenced';
        loop.on(fenced ? 'eos.fenced' : 'eos.batch_failed', { topic, partition, error: (e as Error).message });
        throw e;
      }
    });
    state.busy = work.catch(() => undefined);
    await work;
    batch.resolveOffset(last);
    await heartbeat();
  };
