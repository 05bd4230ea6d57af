import { randomBytes } from 'node:crypto';
import { createRecordWriter, createTopicAdmin, readRecords, startExactlyOnceLoop, type EosEvent, type ExactlyOnceLoop, type InputRecord } from '@eap/kafka-io';
import { describeOnStack } from '@eap/testing';

const waitFor = async (what: string, check: () => boolean, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describeOnStack('exactly-once consume-transform-produce (kafka-io)', (stack) => {
  const brokers = stack.connection.kafkaBrokers;
  const id = randomBytes(3).toString('hex');
  const input = `t-eos-${id}-in`;
  const output = `t-eos-${id}-out`;
  const groupId = `t-eos-${id}`;
  const loops: ExactlyOnceLoop[] = [];
  const crashes: string[] = [];

  const produce = async (from: number, to: number) => {
    const writer = await createRecordWriter({ brokers });
    const records = Array.from({ length: to - from }, (_, i) => ({ topic: input, key: `k${from + i}`, value: Buffer.from(String(from + i)) }));
    for (let i = 0; i < records.length; i += 500) await writer.send(records.slice(i, i + 500));
    await writer.close();
  };
  const passthrough = (records: readonly InputRecord[]) => ({
    outputs: records.map((r) => ({ topic: output, key: r.key, value: r.value })),
    metadata: `last=${records[records.length - 1]!.offset}`,
  });
  const start = async (
    handle: (records: readonly InputRecord[]) => Promise<ReturnType<typeof passthrough>>,
    on: (e: EosEvent, d: Readonly<Record<string, unknown>>) => void = () => undefined,
  ) => {
    const loop = await startExactlyOnceLoop({
      kafka: { brokers, clientId: `eos-${loops.length}`, logLevel: 'nothing' },
      groupId,
      topics: [input],
      transactionalIdPrefix: `eos-test-${id}`,
      handleBatch: handle,
      on,
      onCrash: (e) => crashes.push(e.message),
    });
    loops.push(loop);
    return loop;
  };
  const outputValues = async (expected: number) =>
    (await readRecords({ brokers, topic: output, until: (rs) => rs.length >= expected, timeoutMs: 60_000 })).map((r) => Number(r.value!.toString()));

  beforeAll(async () => {
    const admin = await createTopicAdmin({ brokers });
    await admin.ensureTopics([
      { topic: input, partitions: 3 },
      { topic: output, partitions: 3 },
    ]);
    await admin.close();
  });
  afterAll(async () => {
    await Promise.all(loops.map((l) => l.stop().catch(() => undefined)));
    const admin = await createTopicAdmin({ brokers });
    await admin.deleteTopics([input, output]);
    await admin.close();
  });

  it('writes every input once across a rebalance and a fenced zombie, which goes on as a member', async () => {
    await produce(0, 1500);
    // A zombie: its first batch stalls until another member has taken the partition and committed.
    let released = false;
    let zombieFenced = 0;
    let othersCommitted = 0;
    const zombie = await start(
      async (records) => {
        await waitFor('takeover', () => released, 120_000);
        return passthrough(records);
      },
      (event) => {
        if (event === 'eos.fenced' || event === 'eos.batch_failed') zombieFenced += 1;
      },
    );
    // the zombie holds all three partitions and blocks; a second member joins after its session times out
    await start(
      async (records) => passthrough(records),
      (event) => {
        if (event === 'eos.committed') othersCommitted += 1;
      },
    );
    await waitFor('the second member commits', () => othersCommitted >= 1, 120_000);
    released = true; // the zombie wakes up and tries to commit what the other member already wrote
    await waitFor('the zombie is fenced', () => zombieFenced >= 1, 60_000);
    // A fence drops that partition only: the zombie neither commits nor stops (it rejoins as a member).
    expect(crashes).toEqual([]);
    await produce(1500, 2500);

    const values = await outputValues(2500);
    await new Promise((r) => setTimeout(r, 2_000));
    const settled = await outputValues(2500);
    expect(settled.length).toBe(values.length);
    expect(new Set(settled).size).toBe(settled.length); // no duplicates for read_committed readers
    expect([...settled].sort((a, b) => a - b)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(crashes).toEqual([]);
    await zombie.stop().catch(() => undefined);
  });
});
