import type { CommittedOffset, EosClient, GroupEvent, TopicPartition } from './eos-client.js';
import { partitionKey } from './eos-loop-state.js';
import type { InputRecord, OutputRecord } from './kafka-records.js';
import type { PartitionTransactor } from './partition-transactor.js';

type Commit = Parameters<PartitionTransactor['commit']>[1];

export interface FakeTransactor extends PartitionTransactor {
  readonly commits: { readonly outputs: readonly OutputRecord[]; readonly offset: Commit }[];
  readonly closed: boolean;
}

export interface FakeBatch extends TopicPartition {
  readonly offsets: readonly number[];
  /** Defaults to the last record's offset; higher when transaction markers follow it. */
  readonly lastOffset?: number;
  readonly stale?: boolean;
  readonly running?: boolean;
  /** Records behind the end after this batch, as the fetch saw it (default 0). */
  readonly offsetLag?: number;
  /** The records' Kafka timestamp (default 0). */
  readonly timestamp?: number;
}

/**
 * `EosClient` in memory, for unit tests: a transactor's commit stores its offset and metadata as
 * the group's committed position, like a committed transaction. `log` records the order of the
 * calls that matter for fencing (start, committed, close, commit).
 */
export const createFakeEosClient = () => {
  const committed = new Map<string, CommittedOffset>();
  const ranges = new Map<string, { readonly low: bigint; readonly high: bigint }>();
  const transactors: FakeTransactor[] = [];
  const log: string[] = [];
  const resolved: string[] = [];
  const heartbeats: string[] = [];
  const listeners: ((event: GroupEvent) => void)[] = [];
  let eachBatch: Parameters<EosClient['consumer']['run']>[0] | undefined;
  const state = { disconnected: false, offsetsClosed: false };
  /** Runs inside every commit before it takes effect: reject to fail it, await to hold it. */
  let beforeCommit: (transactionalId: string, offset: Commit) => Promise<void> = async () => undefined;
  /** Runs after a commit took effect: reject for a commit that succeeded but whose answer was lost. */
  let afterCommit: (transactionalId: string, offset: Commit) => Promise<void> = async () => undefined;

  const startTransactor = async (transactionalId: string): Promise<PartitionTransactor> => {
    log.push(`start ${transactionalId}`);
    const t = {
      transactionalId,
      commits: [] as FakeTransactor['commits'][number][],
      closed: false,
      async commit(outputs: readonly OutputRecord[], offset: Commit) {
        if (t.closed) throw new Error(`${transactionalId} is closed`);
        await beforeCommit(transactionalId, offset);
        t.commits.push({ outputs, offset });
        committed.set(partitionKey(offset.topic, offset.partition), { offset: offset.next, metadata: offset.metadata });
        log.push(`commit ${transactionalId} next=${offset.next}`);
        await afterCommit(transactionalId, offset);
      },
      async close() {
        t.closed = true;
        log.push(`close ${transactionalId}`);
      },
    };
    transactors.push(t);
    return t;
  };

  const client: EosClient = {
    consumer: {
      listen: (listener) => void listeners.push(listener),
      run: async (handler) => void (eachBatch = handler),
      disconnect: async () => void (state.disconnected = true),
    },
    offsets: {
      async committed(_groupId, { topic, partition }) {
        log.push(`committed ${topic}:${partition}`);
        return committed.get(partitionKey(topic, partition)) ?? { offset: -1n, metadata: null };
      },
      range: async ({ topic, partition }) => ranges.get(partitionKey(topic, partition)),
      close: async () => void (state.offsetsClosed = true),
    },
    startTransactor,
  };

  const record = (topic: string, partition: number, offset: number, timestamp: number): InputRecord => ({
    topic,
    partition,
    offset: BigInt(offset),
    key: null,
    value: Buffer.from(String(offset)),
    headers: {},
    timestamp,
  });

  return {
    client,
    log,
    transactors,
    /** The `index`th transactor started. */
    transactor(index: number): FakeTransactor {
      const t = transactors[index];
      if (!t) throw new Error(`only ${transactors.length} transactors were started`);
      return t;
    },
    /** `topic:partition@offset` for each resolveOffset, in order. */
    resolved,
    /** `topic:partition` for each heartbeat of a batch. */
    heartbeats,
    state,
    setCommitted: (topic: string, partition: number, offset: number, metadata: string | null) =>
      committed.set(partitionKey(topic, partition), { offset: BigInt(offset), metadata }),
    committed: (topic: string, partition: number) => committed.get(partitionKey(topic, partition)),
    setRange: (topic: string, partition: number, low: number, high: number) =>
      ranges.set(partitionKey(topic, partition), { low: BigInt(low), high: BigInt(high) }),
    setBeforeCommit: (hook: typeof beforeCommit) => void (beforeCommit = hook),
    setAfterCommit: (hook: typeof afterCommit) => void (afterCommit = hook),
    emit: (event: GroupEvent) => listeners.forEach((l) => l(event)),
    join: (...assignment: TopicPartition[]) => listeners.forEach((l) => l({ type: 'joined', assignment })),
    /** Hands one batch to the loop, as the consumer would; resolves or rejects with the loop's handler. */
    deliver({ topic, partition, offsets, lastOffset, stale = false, running = true, offsetLag = 0, timestamp = 0 }: FakeBatch): Promise<void> {
      if (!eachBatch) throw new Error('the loop has not called run');
      const records = offsets.map((o) => record(topic, partition, o, timestamp));
      const last = BigInt(lastOffset ?? offsets[offsets.length - 1] ?? -1);
      return eachBatch({
        topic,
        partition,
        records,
        lastOffset: last,
        offsetLag,
        resolveOffset: (offset) => void resolved.push(`${topic}:${partition}@${offset}`),
        heartbeat: async () => void heartbeats.push(`${topic}:${partition}`),
        isRunning: () => running,
        isStale: () => stale,
      });
    },
  };
};

export type FakeEosClient = ReturnType<typeof createFakeEosClient>;
