import type { EosBatch } from './eos-client.js';
import type { EosLoopState } from './eos-loop-state.js';
import type { ExactlyOnceWork } from './exactly-once-options.js';
import { PipelineError } from '@eap/pipeline-config';
import { KafkaIoError } from './kafka-io-error.js';
import { claimPartition } from './partition-claim.js';
import { forgetPartition } from './partition-release.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Handles one fetched batch: records at or above the committed offset, outputs and next offset in one transaction. */
export const createEosBatchHandler =
  (loop: EosLoopState, handleBatch: ExactlyOnceWork['handleBatch']) =>
  async (batch: EosBatch): Promise<void> => {
    const { topic, partition, heartbeat } = batch;
    if (!batch.isRunning() || batch.isStale() || batch.records.length === 0) return;
    // Fetched before a join that gave the partition to someone else (or while rejoining): not ours to do.
    if (!loop.assignment?.some((a) => a.topic === topic && a.partition === partition)) return;
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
    let fenced = false;
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
          // Behind the end: the next record is at least as recent as this batch's last, so its age
          // bounds the oldest unprocessed record's from above; caught up: none.
          lagSeconds: batch.offsetLag > 0 ? Math.max(0, loop.now() - records[records.length - 1]!.timestamp) / 1000 : 0,
        });
      } catch (e) {
        // Forget the partition: the retry re-fences, re-reads the committed offset and restores state.
        await forgetPartition(loop, state);
        fenced = e instanceof KafkaIoError && e.code === 'fenced';
        // A setting or a dependency the user must fix (a column the work queries is gone): retrying the
        // batch would fail the same way forever, so the member stops and says why. Nothing was committed.
        const permanent = e instanceof PipelineError && e.kind === 'config' && !e.retriable;
        loop.on(fenced ? 'eos.fenced' : 'eos.batch_failed', { topic, partition, error: (e as Error).message, ...(permanent ? { permanent } : {}) });
        if (permanent) loop.crash(e as Error);
        if (!fenced) throw e;
      }
    });
    state.busy = work.catch(() => undefined);
    await work;
    if (fenced) {
      // A newer owner took this partition: only it is dropped here, the others go on. The heartbeat
      // (after a pause, so that it reaches the coordinator) surfaces the rebalance that moved it; if
      // there was none (a transaction the broker timed out), the next fetch claims it again.
      await sleep(loop.fencedPauseMs);
      await heartbeat();
      return;
    }
    batch.resolveOffset(last);
    await heartbeat();
  };
