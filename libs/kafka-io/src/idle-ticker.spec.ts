import type { BatchResult, EosEvent, ExactlyOnceWork, IdleWork } from './exactly-once-options.js';
import { runExactlyOnceLoop } from './exactly-once-core.js';
import { createFakeEosClient } from './fake-eos-client.js';

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

/** A loop with idle work every second over the fake client (partitions t/0 and t/1), on fake timers. */
const setup = async (
  idleResult: () => Promise<BatchResult | null> = async () => ({ outputs: [{ topic: 'out', key: 'w', value: null }], metadata: 'idle' }),
  beforeBatch: () => Promise<void> = async () => undefined,
) => {
  const fake = createFakeEosClient();
  fake.setRange('t', 0, 0, 100);
  fake.setRange('t', 1, 0, 100);
  const idleCalls: { readonly partition: number; readonly metadata: string | null }[] = [];
  const events: { readonly event: EosEvent; readonly detail: Readonly<Record<string, unknown>> }[] = [];
  const seen: { readonly fresh: boolean; readonly metadata: string | null }[] = [];
  const idle: IdleWork = {
    everyMs: 1_000,
    handle: async ({ partition, metadata }) => {
      idleCalls.push({ partition, metadata });
      return idleResult();
    },
  };
  const loop = await runExactlyOnceLoop({
    client: fake.client,
    groupId: 'g',
    transactionalIdPrefix: 'px',
    handleBatch: async (records, { fresh, metadata }): ReturnType<ExactlyOnceWork['handleBatch']> => {
      seen.push({ fresh, metadata });
      await beforeBatch();
      return { outputs: [], metadata: `m${records.at(-1)?.offset}` };
    },
    on: (event, detail) => events.push({ event, detail }),
    onCrash: () => undefined,
    idle,
    now: () => Date.now(),
  });
  fake.join({ topic: 't', partition: 0 }, { topic: 't', partition: 1 });
  /** Moves the wall clock and the idle timer on by `ms`, then lets the queued work finish. */
  const advance = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
    await settle();
  };
  return { fake, loop, idleCalls, seen, advance, events: (event: EosEvent) => events.filter((e) => e.event === event).map((e) => e.detail) };
};

describe('idle work', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('runs on a committed, quiet partition only, and commits at the same input offset with the new metadata', async () => {
    const { fake, loop, idleCalls, seen, advance, events } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0, 1] });
    await advance(900);
    expect(idleCalls).toEqual([]);
    await advance(600);
    expect(idleCalls).toEqual([{ partition: 0, metadata: 'm1' }]);
    const commits = fake.transactor(0).commits;
    expect(commits.map((c) => c.offset)).toEqual([
      { groupId: 'g', topic: 't', partition: 0, next: 2n, metadata: 'm1' },
      { groupId: 'g', topic: 't', partition: 0, next: 2n, metadata: 'idle' },
    ]);
    expect(commits[1]?.outputs).toEqual([{ topic: 'out', key: 'w', value: null }]);
    expect(events('eos.idle_committed')).toEqual([{ topic: 't', partition: 0, outputs: 1 }]);
    await fake.deliver({ topic: 't', partition: 0, offsets: [2] });
    expect(seen.at(-1)).toEqual({ fresh: false, metadata: 'idle' });
    await loop.stop();
  });

  it('waits a full quiet period again after each batch and each idle run', async () => {
    const { fake, loop, idleCalls, advance } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    await advance(1_000);
    expect(idleCalls).toHaveLength(1);
    await advance(500);
    expect(idleCalls).toHaveLength(1);
    await fake.deliver({ topic: 't', partition: 0, offsets: [1] });
    await advance(500);
    expect(idleCalls).toHaveLength(1);
    await advance(500);
    expect(idleCalls).toHaveLength(2);
    await loop.stop();
  });

  it('never runs on a fresh partition (claimed, nothing committed by this ownership)', async () => {
    const { fake, loop, idleCalls, advance } = await setup();
    fake.setCommitted('t', 1, 5, 'm4');
    await fake.deliver({ topic: 't', partition: 1, offsets: [3, 4] });
    await advance(5_000);
    expect(idleCalls).toEqual([]);
    expect(fake.transactor(0).commits).toEqual([]);
    await loop.stop();
  });

  it('goes on right after a join on a partition kept where it was (no record needed), not on one someone else advanced', async () => {
    const { fake, loop, idleCalls, advance, events } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    await fake.deliver({ topic: 't', partition: 1, offsets: [0] });
    fake.setCommitted('t', 1, 9, 'other');
    fake.join({ topic: 't', partition: 0 }, { topic: 't', partition: 1 });
    await advance(1_500);
    expect(events('eos.kept')).toEqual([{ topic: 't', partition: 0, committed: '1' }]);
    expect(events('eos.moved')).toEqual([{ topic: 't', partition: 1, was: '1', now: '9' }]);
    expect(idleCalls).toEqual([{ partition: 0, metadata: 'm0' }]);
    await loop.stop();
  });

  it('does not run when the batch it queued behind failed and forgot the partition', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    const { fake, loop, idleCalls, advance, events } = await setup(undefined, async () => {
      if (++calls === 2) {
        await held;
        throw new Error('boom');
      }
    });
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    const failing = fake.deliver({ topic: 't', partition: 0, offsets: [1] });
    await advance(1_000);
    release();
    await expect(failing).rejects.toThrow('boom');
    await settle();
    expect(idleCalls).toEqual([]);
    expect(events('eos.idle_failed')).toEqual([]);
    await loop.stop();
  });

  it('commits nothing when the idle work has nothing to write', async () => {
    const { fake, loop, idleCalls, advance, events } = await setup(async () => null);
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    await advance(1_000);
    expect(idleCalls).toHaveLength(1);
    expect(fake.transactor(0).commits).toHaveLength(1);
    expect(events('eos.idle_committed')).toEqual([]);
    await loop.stop();
  });

  it('on failure forgets the partition and closes its transactor: the next batch claims it afresh', async () => {
    const { fake, loop, seen, advance, events } = await setup(async () => {
      throw new Error('window store down');
    });
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    await advance(1_000);
    expect(events('eos.idle_failed')).toEqual([{ topic: 't', partition: 0, error: 'window store down' }]);
    expect(fake.transactor(0).closed).toBe(true);
    await fake.deliver({ topic: 't', partition: 0, offsets: [1] });
    expect(fake.transactors).toHaveLength(2);
    expect(seen.at(-1)).toEqual({ fresh: true, metadata: 'm0' });
    await loop.stop();
  });

  it('runs after the batch in progress on the partition, and the check of a join waits for it (its commit is our own)', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { fake, loop, idleCalls, advance } = await setup(async () => {
      await held;
      return { outputs: [], metadata: 'idle' };
    });
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    await advance(1_000);
    expect(idleCalls).toHaveLength(1);
    fake.join({ topic: 't', partition: 0 });
    const next = fake.deliver({ topic: 't', partition: 0, offsets: [1] });
    await settle();
    expect(fake.transactors).toHaveLength(1);
    release();
    await next;
    expect(fake.log).toEqual(['start px-t-0', 'committed t:0', 'commit px-t-0 next=1', 'commit px-t-0 next=1', 'committed t:0', 'commit px-t-0 next=2']);
    await loop.stop();
  });

  it('stops looking for quiet partitions once stopped', async () => {
    const { fake, loop, idleCalls, advance } = await setup();
    await fake.deliver({ topic: 't', partition: 0, offsets: [0] });
    await loop.stop();
    await advance(5_000);
    expect(idleCalls).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });
});
