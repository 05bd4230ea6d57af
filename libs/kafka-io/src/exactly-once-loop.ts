import type { Admin, Consumer, EachBatchPayload } from 'kafkajs';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client-factory.js';
import { judgeInputPosition } from './input-positions.js';
import { KafkaIoError } from './kafka-io-error.js';
import { partitionOffsets } from './partition-offsets.js';
import { toInputRecord, type InputRecord, type OutputRecord } from './kafka-records.js';
import { startPartitionTransactor, type PartitionTransactor } from './partition-transactor.js';

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
  'eos.assigned' | 'eos.fenced' | 'eos.committed' | 'eos.skipped_below_committed' | 'eos.batch_failed' | 'eos.idle_committed' | 'eos.idle_failed';

/** Work on a partition that received nothing for a while (for example closing windows on the wall clock). */
export interface IdleWork {
  readonly everyMs: number;
  /** Outputs and new metadata to commit at the same input offset, or null for nothing to write. */
  readonly handle: (ctx: Omit<PartitionContext, 'fresh'>) => Promise<BatchResult | null>;
}

export interface ExactlyOnceOptions {
  readonly kafka: KafkaClientOptions;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Transactional ids are `<prefix>-<topic>-<partition>`: stable per input partition. */
  readonly transactionalIdPrefix: string;
  readonly handleBatch: (records: readonly InputRecord[], ctx: PartitionContext) => Promise<BatchResult>;
  readonly on?: (event: EosEvent, detail: Readonly<Record<string, unknown>>) => void;
  readonly partitionsConsumedConcurrently?: number;
  readonly fromBeginning?: boolean;
  /** How long a fetch waits for records before returning what it has: the most batching adds to latency. */
  readonly maxWaitTimeInMs?: number;
  /**
   * The consumer stopped for good (for example this member was fenced as a zombie, or retries ran out).
   * Default: exit the process with 1, for its supervisor to start a fresh member.
   */
  readonly onCrash?: (error: Error) => void;
  /** Runs `idle.handle` on each owned partition that had no batch for `idle.everyMs`, in a transaction of its own. */
  readonly idle?: IdleWork;
}

export interface ExactlyOnceLoop {
  /** The partitions the group gave this member at its last join; null while (re)joining. */
  assignment(): readonly { readonly topic: string; readonly partition: number }[] | null;
  stop(): Promise<void>;
}

interface PartitionState {
  readonly topic: string;
  readonly partition: number;
  readonly generation: number;
  readonly transactor: PartitionTransactor;
  committed: bigint;
  metadata: string | null;
  fresh: boolean;
  /** Batches and idle work on the partition run one after the other. */
  busy: Promise<unknown>;
  lastWork: number;
}

/**
 * Consume-transform-produce, exactly once for `read_committed` readers. KafkaJS has no KIP-447 group
 * fencing, so each input partition has its own transactional id: taking a partition over fences the
 * previous owner, and the committed offset is re-read after fencing so nothing below it is redone.
 */
export const startExactlyOnceLoop = async ({
  kafka: clientOptions,
  groupId,
  topics,
  transactionalIdPrefix,
  handleBatch,
  on = () => undefined,
  partitionsConsumedConcurrently = 3,
  fromBeginning = true,
  maxWaitTimeInMs = 50,
  onCrash = () => process.exit(1),
  idle,
}: ExactlyOnceOptions): Promise<ExactlyOnceLoop> => {
  const kafka = createKafkaClient(clientOptions);
  const admin: Admin = kafka.admin();
  const consumer: Consumer = kafka.consumer({
    groupId,
    readUncommitted: false,
    maxWaitTimeInMs,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    retry: { retries: 10 },
  });
  const partitions = new Map<string, PartitionState>();
  let generation = 0;
  let assignment: { topic: string; partition: number }[] | null = null;
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    generation += 1;
    assignment = Object.entries(payload.memberAssignment).flatMap(([topic, ps]) => ps.map((partition) => ({ topic, partition })));
  });
  consumer.on(consumer.events.REBALANCING, () => {
    assignment = null;
  });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) onCrash(payload.error);
  });

  const committedOffset = async (topic: string, partition: number): Promise<{ offset: bigint; metadata: string | null }> => {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const p = entry?.partitions.find((x) => x.partition === partition);
    return { offset: p && Number(p.offset) >= 0 ? BigInt(p.offset) : -1n, metadata: p?.metadata ?? null };
  };

  const claim = async (topic: string, partition: number): Promise<PartitionState> => {
    const key = `${topic}:${partition}`;
    const current = partitions.get(key);
    if (current && current.generation === generation) return current;
    partitions.delete(key);
    // Idle work of the previous ownership finishes (or fails) before anything is restored or fenced.
    await current?.busy;
    await current?.transactor.close().catch(() => undefined);
    const transactor = await startPartitionTransactor(kafka, `${transactionalIdPrefix}-${topic}-${partition}`);
    const committed = await committedOffset(topic, partition);
    // A committed position outside the partition: records were deleted unread, or the topic was
    // made again. KafkaJS would silently jump to the earliest record; stop instead.
    const range = (await partitionOffsets(admin, topic)).find((o) => o.partition === partition);
    const problem = range && judgeInputPosition({ topic, partition, committed: committed.offset, range, outputsExist: false });
    if (problem) {
      await transactor.close().catch(() => undefined);
      throw new KafkaIoError('input_position', problem.message, { retriable: false, topic, partition });
    }
    const state: PartitionState = {
      topic,
      partition,
      generation,
      transactor,
      committed: committed.offset,
      metadata: committed.metadata,
      fresh: true,
      busy: Promise.resolve(),
      lastWork: Date.now(),
    };
    partitions.set(key, state);
    on('eos.assigned', { topic, partition, committed: committed.offset.toString(), transactionalId: transactor.transactionalId });
    return state;
  };

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> => {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const { topic, partition } = batch;
    const state = await claim(topic, partition);
    // Past the transaction markers the fetch returned after the last record (lastOffset() counts
    // them), so a quiet partition shows no lag.
    const lastRecord = BigInt(batch.messages[batch.messages.length - 1]!.offset);
    const lastFetched = BigInt(batch.lastOffset());
    const last = lastFetched > lastRecord ? lastFetched : lastRecord;
    const records = batch.messages.filter((m) => state.committed < 0n || BigInt(m.offset) >= state.committed).map((m) => toInputRecord(topic, partition, m));
    if (records.length < batch.messages.length) on('eos.skipped_below_committed', { topic, partition, skipped: batch.messages.length - records.length });
    if (records.length === 0) {
      resolveOffset(last.toString());
      return;
    }
    const work = state.busy.then(async () => {
      try {
        const result = await handleBatch(records, { topic, partition, fresh: state.fresh, metadata: state.metadata, heartbeat });
        await state.transactor.commit(result.outputs, { groupId, topic, partition, next: last + 1n, metadata: result.metadata });
        state.committed = last + 1n;
        state.metadata = result.metadata;
        state.fresh = false;
        state.lastWork = Date.now();
        on('eos.committed', {
          topic,
          partition,
          records: records.length,
          outputs: result.outputs.length,
          next: state.committed.toString(),
          lag: Number(batch.offsetLag()),
        });
      } catch (e) {
        // Forget the partition: the retry re-fences, re-reads the committed offset and restores state.
        partitions.delete(`${topic}:${partition}`);
        await state.transactor.close().catch(() => undefined);
        const fenced = e instanceof KafkaIoError && e.code === 'fenced';
        on(fenced ? 'eos.fenced' : 'eos.batch_failed', { topic, partition, error: (e as Error).message });
        throw e;
      }
    });
    state.busy = work.catch(() => undefined);
    await work;
    resolveOffset(last.toString());
    await heartbeat();
  };

  /** Idle work on partitions owned in this generation, committed (metadata included) but quiet for `everyMs`. */
  const tickIdle = (work: IdleWork) => {
    for (const [key, state] of partitions) {
      if (state.generation !== generation || state.fresh || state.committed < 0n || Date.now() - state.lastWork < work.everyMs) continue;
      const { topic, partition } = state;
      state.lastWork = Date.now();
      state.busy = state.busy.then(async () => {
        if (partitions.get(key) !== state) return;
        try {
          const result = await work.handle({ topic, partition, metadata: state.metadata, heartbeat: async () => undefined });
          if (result === null) return;
          await state.transactor.commit(result.outputs, { groupId, topic, partition, next: state.committed, metadata: result.metadata });
          state.metadata = result.metadata;
          on('eos.idle_committed', { topic, partition, outputs: result.outputs.length });
        } catch (e) {
          // Someone else may own it now (fenced), or the handler failed: the next batch claims it afresh.
          if (partitions.get(key) === state) partitions.delete(key);
          await state.transactor.close().catch(() => undefined);
          on('eos.idle_failed', { topic, partition, error: (e as Error).message });
        }
      });
    }
  };
  const idleTimer = idle && setInterval(() => tickIdle(idle), Math.max(100, Math.floor(idle.everyMs / 2)));
  idleTimer?.unref();

  await admin.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning });
  await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently, eachBatch });

  return {
    assignment: () => assignment,
    async stop() {
      if (idleTimer) clearInterval(idleTimer);
      await consumer.disconnect();
      await Promise.all([...partitions.values()].map((s) => s.transactor.close().catch(() => undefined)));
      partitions.clear();
      await admin.disconnect();
    },
  };
};
