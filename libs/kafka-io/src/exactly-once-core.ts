import type { EosClient } from './eos-client.js';
import { createEosBatchHandler } from './eos-batch-handler.js';
import type { EosLoopState } from './eos-loop-state.js';
import type { ExactlyOnceLoop, ExactlyOnceWork } from './exactly-once-options.js';
import { idleTickMs, tickIdle } from './idle-ticker.js';
import { applyAssignment } from './partition-release.js';

export interface ExactlyOnceCoreOptions extends ExactlyOnceWork {
  readonly client: EosClient;
  /** Wall clock for idle work; Date.now by default. */
  readonly now?: () => number;
  /** How long a batch of a partition just fenced waits before its heartbeat; 1 s by default. */
  readonly fencedPauseMs?: number;
}

/**
 * Consume-transform-produce, exactly once for `read_committed` readers, over any `EosClient`. KafkaJS
 * has no KIP-447 group fencing, so each input partition has its own transactional id: taking a
 * partition over fences the previous owner, and the committed offset is re-read after fencing so
 * nothing below it is redone. A partition kept across a rebalance keeps its state (and transactor)
 * when nobody else advanced it; being fenced on one partition drops that partition only.
 */
export const runExactlyOnceLoop = async ({
  client,
  groupId,
  transactionalIdPrefix,
  handleBatch,
  on = () => undefined,
  onCrash,
  onReleased = () => undefined,
  idle,
  now = Date.now,
  fencedPauseMs = 1_000,
}: ExactlyOnceCoreOptions): Promise<ExactlyOnceLoop> => {
  const loop: EosLoopState = {
    client,
    groupId,
    transactionalIdPrefix,
    on,
    now,
    released: onReleased,
    crash: onCrash,
    fencedPauseMs,
    partitions: new Map(),
    generation: 0,
    assignment: null,
  };
  client.consumer.listen((event) => {
    if (event.type === 'joined') {
      loop.generation += 1;
      loop.assignment = event.assignment;
      on('eos.joined', { generation: loop.generation, partitions: event.assignment.map((a) => `${a.topic}/${a.partition}`) });
      applyAssignment(loop, event.assignment);
    } else if (event.type === 'rebalancing') {
      loop.assignment = null;
      on('eos.rebalancing', {});
    } else if (event.restart) on('eos.consumer_restart', { error: event.error.message });
    else onCrash(event.error);
  });
  const idleTimer = idle && setInterval(() => tickIdle(loop, idle), idleTickMs(idle));
  idleTimer?.unref();
  try {
    await client.consumer.run(createEosBatchHandler(loop, handleBatch));
  } catch (e) {
    if (idleTimer) clearInterval(idleTimer);
    throw e;
  }
  return {
    assignment: () => loop.assignment,
    async stop() {
      if (idleTimer) clearInterval(idleTimer);
      await client.consumer.disconnect();
      await Promise.all([...loop.partitions.values()].map((s) => s.transactor.close().catch(() => undefined)));
      loop.partitions.clear();
      await client.offsets.close();
    },
  };
};
