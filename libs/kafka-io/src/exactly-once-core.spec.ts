import { PipelineError } from '@eap/pipeline-config';
import type { EosEvent, ExactlyOnceWork, PartitionContext } from './exactly-once-options.js';
import { runExactlyOnceLoop } from './exactly-once-core.js';
import { createFakeEosClient, type FakeEosClient } from './fake-eos-client.js';
import type { InputRecord } from './kafka-records.js';
import { KafkaIoError } from './kafka-io-error.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

interface Seen {
  readonly offsets: readonly bigint[];
  readonly fresh: boolean;
  readonly metadata: string | null;
}

/** A loop over the fake client on topic `t`, 2 partitions, handler echoing records with metadata `m<last offset>`. */
const setup = async (overrides: Partial<ExactlyOnceWork> & { readonly now?: () => number } = {}) => {
  const fake: FakeEosClient = createFakeEosClient();
  fake.setRange('t', 0, 0, 100);
  fake.setRange('t', 1, 0, 100);
  const seen: Seen[] = [];
  const events: { readonly event: EosEvent; readonly detail: Readonly<Record<string, unknown>> }[] = [];
  const crashes: Error[] = [];
  const released: string[] = [];
  let gate: Promise<void> | undefined;
  let failWith: Error | undefined;
  const handleBatch = async (records: readonly InputRecord[], ctx: PartitionContext) => {
    seen.push({ offsets: records.map((r) => r.offset), fresh: ctx.fresh, metadata: ctx.metadata });
    await gate;
    if (failWith) throw failWith;
    return { outputs: records.map((r) => ({ topic: 'out', key: null, value: r.value })), metadata: `m${records.at(-1)?.offset}` };
  };
  const loop = await runExactlyOnceLoop({
    client: fake.client,
    groupId: 'g',
    transactionalIdPrefix: 'px',
    handleBatch,
    on: (event, detail) => events.push({ event, detail }),
    onCrash: (e) => crashes.push(e),
    onReleased: (at) => released.push(`${at.topic}/${at.partition}`),
    fencedPauseMs: 0,
    ...overrides,
  });
  fake.join({ topic: 't', partition: 0 }, { topic: 't', partition: 1 });
  return {
    fake,
    loop,
    seen,
    crashes,
    released,
    names: () => events.map((e) => e.event),
    detail: (event: EosEvent) => events.filter((e) => e.event === event).map((e) => e.detail),
    hold: () => {
      const d = deferred();
      gate = d.promise;
      return () => {
        gate = undefined;
        d.resolve();
      };
    },
    failHandler: (e: Error | undefined) => void (failWith = e),
  };
};

describe('runExactlyOnceLoop: claims and commits', () => {
  it('fences before reading the committed position, restores with fresh: true and the committed metadata, then fresh: false', async () => {
    const { fake, seen, detail } = await setup();
    fake.setCommitted('t', 0, 5, 'm4');
    await fake.deliver({ topic: 't', partition: 0, offsets: [5, 6] });
    await fake.deliver({ topic: 't', partition: 0, offsets: [7] });
    expect(seen).toEqual([
      { offsets: [5n, 6n], fresh: true, metadata: 'm4' },
      { offsets: [7n], fresh: false, metadata: 'm6' },
    ]);
    expect(fake.log.slice(0, 2)).toEqual(['start px-t-0', 'committed t:0']);
    expect(fake.transactors.map((t) => t.transactionalId)).toEqual(['px-t-0']);
    expect(detail('eos.assigned')).toEqual([{ topic: 't', partition: 0, committed: '5', transactionalId: 'px-t-0' }]);
  });

  it('commits outputs with next = last + 1 and the handler metadata, then resolves the offset', async () => {
    const { fake, detail } = await setup();
    await fake.deliver({ topic: 't', partition: 1, offsets: [0, 1, 2] });
    expect(fake.transactor(0).commits).toEqual([
      {
        outputs: ['0', '1', '2'].map((v) => ({ topic: 'out', key: null, value: Buffer.from(v) })),
        offset: { groupId: 'g', topic: 't', partition: 1, next: 3n, metadata: 'm2' },
      },
    ]);
    expect(fake.resolved).toEqual(['t:1@2']);
    expect(fake.heartbeats).toEqual(['t:1']);
    expect(detail('eos.committed')).toEqual([{ topic: 't', partition: 1, records: 3, outputs: 3, next: '3', lag: 0, lagSeconds: 0 }]);
  });

  it('reports the lag in seconds behind the end from the age of the batch’s last record, 0 when caught up', async () => {
    const { fake, detail } = await setup({ now: () => 50_000 });
    await fake.deliver({ topic: 't', partition: 1, offsets: [0, 1], offsetLag: 40, timestamp: 47_500 });
    await fake.deliver({ topic: 't', partition: 1, offsets: [2], offsetLag: 0, timestamp: 49_000 });
    expect(detail('eos.committed').map((d) => [d['lag'], d['lagSeconds']])).toEqual([
      [40, 2.5],
      [0, 0],
    ]);
  });

  it('commits past the transaction markers that follow the last record (lastOffset beyond it)', async () => {
    const { fake } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0, 1], lastOffset: 3 });
    expect(fake.transactor(0).commits[0]?.offset.next).toBe(4n);
    expect(fake.resolved).toEqual(['t:0@3']);
  });

  it('skips records below the committed offset and still resolves the offset when nothing is left', async () => {
    const { fake, seen, detail } = await setup();
    fake.setCommitted('t', 0, 5, 'm4');
    await fake.deliver({ topic: 't', partition: 0, offsets: [3, 4] });
    expect(seen).toEqual([]);
    expect(fake.resolved).toEqual(['t:0@4']);
    expect(fake.transactor(0).commits).toEqual([]);
    await fake.deliver({ topic: 't', partition: 0, offsets: [4, 5, 6] });
    expect(seen).toEqual([{ offsets: [5n, 6n], fresh: true, metadata: 'm4' }]);
    expect(detail('eos.skipped_below_committed')).toEqual([
      { topic: 't', partition: 0, skipped: 2 },
      { topic: 't', partition: 0, skipped: 1 },
    ]);
    expect(fake.resolved).toEqual(['t:0@4', 't:0@6']);
  });

  it('ignores empty, stale and stopped batches without claiming the partition', async () => {
    const { fake, seen } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [] });
    await fake.deliver({ topic: 't', partition: 0, offsets: [0], stale: true });
    await fake.deliver({ topic: 't', partition: 0, offsets: [0], running: false });
    expect(seen).toEqual([]);
    expect(fake.transactors).toEqual([]);
    expect(fake.resolved).toEqual([]);
  });

  it('rejects a committed position outside the partition with input_position, closing the transactor (past the end: retriable, an open transaction may hold the end back)', async () => {
    const { fake, seen } = await setup();
    fake.setRange('t', 0, 10, 20);
    fake.setCommitted('t', 0, 25, null);
    const beyond = fake.deliver({ topic: 't', partition: 0, offsets: [25] });
    await expect(beyond).rejects.toBeInstanceOf(KafkaIoError);
    await expect(beyond).rejects.toMatchObject({ code: 'input_position', retriable: true, context: { topic: 't', partition: 0 } });
    fake.setCommitted('t', 0, 4, null);
    await expect(fake.deliver({ topic: 't', partition: 0, offsets: [10] })).rejects.toMatchObject({ code: 'input_position', retriable: false });
    expect(fake.transactors.map((t) => t.closed)).toEqual([true, true]);
    expect(seen).toEqual([]);
    expect(fake.resolved).toEqual([]);
  });
});

describe('runExactlyOnceLoop: failures', () => {
  it('on a handler error forgets the partition, closes the transactor, emits eos.batch_failed and rethrows; the retry claims afresh', async () => {
    const { fake, seen, names, detail, failHandler } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0, 1] });
    failHandler(new Error('boom'));
    await expect(fake.deliver({ topic: 't', partition: 0, offsets: [2, 3] })).rejects.toThrow('boom');
    expect(fake.transactor(0).closed).toBe(true);
    expect(detail('eos.batch_failed')).toEqual([{ topic: 't', partition: 0, error: 'boom' }]);
    expect(fake.resolved).toEqual(['t:0@1']);
    failHandler(undefined);
    await fake.deliver({ topic: 't', partition: 0, offsets: [2, 3] });
    expect(seen.map((s) => [s.offsets, s.fresh, s.metadata])).toEqual([
      [[0n, 1n], true, null],
      [[2n, 3n], false, 'm1'],
      [[2n, 3n], true, 'm1'],
    ]);
    expect(fake.transactors).toHaveLength(2);
    expect(fake.log.filter((l) => l.startsWith('committed'))).toHaveLength(2);
    expect(fake.committed('t', 0)).toEqual({ offset: 4n, metadata: 'm3' });
    expect(names()).not.toContain('eos.fenced');
  });

  it('on a handler error the user must fix (kind config, not retriable) stops the member through onCrash, committing nothing', async () => {
    const { fake, detail, crashes, failHandler } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    const gone = new PipelineError('config', 'database_refused', 'looking employees up: column "email" does not exist', { retriable: false });
    failHandler(gone);
    await expect(fake.deliver({ topic: 't', partition: 0, offsets: [1] })).rejects.toBe(gone);
    expect(crashes).toEqual([gone]);
    expect(detail('eos.batch_failed')).toEqual([{ topic: 't', partition: 0, error: gone.message, permanent: true }]);
    expect(fake.committed('t', 0)).toEqual({ offset: 1n, metadata: 'm0' });
    failHandler(new PipelineError('connection', 'database_unreachable', 'the database did not answer', { retriable: true }));
    await expect(fake.deliver({ topic: 't', partition: 0, offsets: [1] })).rejects.toThrow('did not answer');
    expect(crashes).toEqual([gone]); // a dependency not answering is retried, not a stop
  });

  it('on a commit that fails between send and commit does the same, and redoes the batch from the committed position', async () => {
    const { fake, seen, detail } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    fake.setBeforeCommit(async (_id, o) => {
      if (o.next === 3n) throw new KafkaIoError('commit_failed', 'px-t-0: transaction failed: broker gone', { retriable: true });
    });
    await expect(fake.deliver({ topic: 't', partition: 0, offsets: [1, 2] })).rejects.toMatchObject({ code: 'commit_failed' });
    expect(fake.transactor(0).closed).toBe(true);
    expect(detail('eos.batch_failed')).toEqual([{ topic: 't', partition: 0, error: 'px-t-0: transaction failed: broker gone' }]);
    fake.setBeforeCommit(async () => undefined);
    await fake.deliver({ topic: 't', partition: 0, offsets: [1, 2] });
    expect(seen.at(-1)).toEqual({ offsets: [1n, 2n], fresh: true, metadata: 'm0' });
    expect(fake.transactor(1).commits.map((c) => c.offset.next)).toEqual([3n]);
  });

  it('after a commit that took effect but answered with an error, the retry re-reads the committed offset and redoes nothing below it', async () => {
    const { fake, seen, detail } = await setup();
    fake.setAfterCommit(async () => {
      throw new KafkaIoError('commit_failed', 'answer lost', { retriable: true });
    });
    await expect(fake.deliver({ topic: 't', partition: 0, offsets: [0, 1] })).rejects.toThrow('answer lost');
    fake.setAfterCommit(async () => undefined);
    await fake.deliver({ topic: 't', partition: 0, offsets: [0, 1] });
    expect(seen).toHaveLength(1);
    expect(fake.transactors.flatMap((t) => t.commits)).toHaveLength(1);
    expect(detail('eos.skipped_below_committed')).toEqual([{ topic: 't', partition: 0, skipped: 2 }]);
    expect(fake.resolved).toEqual(['t:0@1']);
    await fake.deliver({ topic: 't', partition: 0, offsets: [2] });
    expect(seen.at(-1)).toEqual({ offsets: [2n], fresh: true, metadata: 'm1' });
  });

  it('fenced on one partition: drops that partition only (eos.fenced, no crash, no resolve), the next batch claims it afresh', async () => {
    const { fake, names, crashes, seen } = await setup();
    await fake.deliver({ topic: 't', partition: 1, offsets: [0] });
    fake.setBeforeCommit(async (id) => {
      if (id === 'px-t-0') throw new KafkaIoError('fenced', 'px-t-0: fenced by a newer owner', { retriable: false });
    });
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    expect(names()).toEqual(['eos.joined', 'eos.assigned', 'eos.committed', 'eos.assigned', 'eos.fenced']);
    expect(crashes).toEqual([]);
    expect(fake.resolved).toEqual(['t:1@0']);
    expect(fake.heartbeats).toEqual(['t:1', 't:0']);
    expect(fake.transactor(1).closed).toBe(true);
    fake.setBeforeCommit(async () => undefined);
    await fake.deliver({ topic: 't', partition: 1, offsets: [1] });
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    expect(fake.transactors.map((t) => [t.transactionalId, t.closed])).toEqual([
      ['px-t-1', false],
      ['px-t-0', true],
      ['px-t-0', false],
    ]);
    expect(seen.map((x) => [x.offsets, x.fresh])).toEqual([
      [[0n], true],
      [[0n], true],
      [[1n], false],
      [[0n], true],
    ]);
  });
});

describe('runExactlyOnceLoop: group membership', () => {
  it('keeps a partition across a join when nobody advanced it: same transactor, state kept (fresh: false), eos.kept', async () => {
    const { fake, seen, names } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    fake.join({ topic: 't', partition: 0 });
    await settle();
    await fake.deliver({ topic: 't', partition: 0, offsets: [1] });
    expect(fake.log).toEqual(['start px-t-0', 'committed t:0', 'commit px-t-0 next=1', 'committed t:0', 'commit px-t-0 next=2']);
    expect(seen.map((x) => [x.offsets, x.fresh, x.metadata])).toEqual([
      [[0n], true, null],
      [[1n], false, 'm0'],
    ]);
    expect(names().filter((n) => n !== 'eos.committed')).toEqual(['eos.joined', 'eos.assigned', 'eos.joined', 'eos.kept']);
  });

  it('checks a kept partition only once its batch in flight committed, so its own commit does not count as someone else’s', async () => {
    const { fake, seen, hold, names } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    const release = hold();
    const before = fake.deliver({ topic: 't', partition: 0, offsets: [1, 2] });
    await settle();
    fake.join({ topic: 't', partition: 0 });
    const after = fake.deliver({ topic: 't', partition: 0, offsets: [3] });
    await settle();
    release();
    await before;
    await after;
    expect(fake.transactors).toHaveLength(1);
    expect(seen.map((x) => [x.offsets, x.fresh])).toEqual([
      [[0n], true],
      [[1n, 2n], false],
      [[3n], false],
    ]);
    expect(names()).toContain('eos.kept');
  });

  it('claims afresh (fence, read, restore) a kept partition that someone else advanced in between: eos.moved', async () => {
    const { fake, seen, detail } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    fake.setCommitted('t', 0, 7, 'm6');
    fake.join({ topic: 't', partition: 0 });
    await settle();
    await fake.deliver({ topic: 't', partition: 0, offsets: [5, 6, 7] });
    expect(detail('eos.moved')).toEqual([{ topic: 't', partition: 0, was: '1', now: '7' }]);
    expect(fake.transactors.map((t) => t.closed)).toEqual([true, false]);
    expect(seen.map((x) => [x.offsets, x.fresh, x.metadata])).toEqual([
      [[0n], true, null],
      [[7n], true, 'm6'],
    ]);
  });

  it('releases a partition another member got: transactor closed, onReleased, and a late batch of it is left alone', async () => {
    const { fake, released, seen } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    await fake.deliver({ topic: 't', partition: 1, offsets: [0] });
    fake.join({ topic: 't', partition: 1 });
    await settle();
    expect(released).toEqual(['t/0']);
    expect(fake.transactor(0).closed).toBe(true);
    await fake.deliver({ topic: 't', partition: 0, offsets: [1] });
    expect(seen).toHaveLength(2);
    expect(fake.transactors).toHaveLength(2);
    expect(fake.resolved).toEqual(['t:0@0', 't:1@0']);
  });

  it('does no work while the group rebalances (no assignment)', async () => {
    const { fake, seen } = await setup();
    fake.emit({ type: 'rebalancing' });
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    expect(seen).toEqual([]);
    expect(fake.transactors).toEqual([]);
  });

  it('keeps the same ownership without a group join, whatever the other partitions do', async () => {
    const { fake } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    await fake.deliver({ topic: 't', partition: 1, offsets: [0] });
    fake.emit({ type: 'rebalancing' });
    await fake.deliver({ topic: 't', partition: 0, offsets: [1] });
    expect(fake.transactors.map((t) => t.transactionalId)).toEqual(['px-t-0', 'px-t-1']);
  });

  it('reports the assignment of the last join, and null while rebalancing', async () => {
    const { fake, loop } = await setup();
    expect(loop.assignment()).toEqual([
      { topic: 't', partition: 0 },
      { topic: 't', partition: 1 },
    ]);
    fake.emit({ type: 'rebalancing' });
    expect(loop.assignment()).toBeNull();
    fake.join({ topic: 't', partition: 1 });
    expect(loop.assignment()).toEqual([{ topic: 't', partition: 1 }]);
  });

  it('calls onCrash only when the consumer stopped for good (a restart is an event)', async () => {
    const { fake, crashes, detail } = await setup();
    fake.emit({ type: 'crashed', error: new Error('retrying'), restart: true });
    expect(crashes).toEqual([]);
    expect(detail('eos.consumer_restart')).toEqual([{ error: 'retrying' }]);
    fake.emit({ type: 'crashed', error: new Error('fenced zombie'), restart: false });
    expect(crashes.map((e) => e.message)).toEqual(['fenced zombie']);
  });

  it('stop disconnects the consumer, closes every transactor and the offsets reader', async () => {
    const { fake, loop } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    await fake.deliver({ topic: 't', partition: 1, offsets: [0] });
    await loop.stop();
    expect(fake.state).toEqual({ disconnected: true, offsetsClosed: true });
    expect(fake.transactors.map((t) => t.closed)).toEqual([true, true]);
  });
});
