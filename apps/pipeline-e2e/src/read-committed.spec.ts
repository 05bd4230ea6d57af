import { randomBytes } from 'node:crypto';
import { createTopicAdmin, createTransactionalWriter, readRecords, readToEnd } from '@eap/kafka-io';
import { describeOnStack } from '@eap/testing';

describeOnStack('read_committed readers (kafka-io)', (stack) => {
  const brokers = stack.connection.kafkaBrokers;

  it('never see records of transactions aborted while another producer had one open on the partition', async () => {
    const id = randomBytes(3).toString('hex');
    const topic = `t-rc-${id}`;
    const admin = await createTopicAdmin({ brokers });
    await admin.ensureTopics([{ topic, partitions: 1 }]);
    const [first, second] = await Promise.all([
      createTransactionalWriter({ brokers, logLevel: 'nothing', transactionalId: `rc-${id}-1` }),
      createTransactionalWriter({ brokers, logLevel: 'nothing', transactionalId: `rc-${id}-2` }),
    ]);
    const record = (key: string, value: string) => [{ topic, key, value: Buffer.from(value) }];
    try {
      // As when an aggregator with several partitions dies: its transactions interleave on an output
      // partition and are aborted in another order than they began (the broker lists them so).
      const a = await first.begin();
      await a.send(record('a', 'aborted-first-begun'));
      const b = await second.begin();
      await b.send(record('b', 'aborted-second-begun'));
      await b.abort();
      await a.send(record('a', 'aborted-first-begun-2'));
      await a.abort();
      const c = await first.begin();
      await c.send(record('c', 'committed'));
      await c.commit();

      const values: string[] = [];
      await readToEnd({ kafka: { brokers }, topic, onRecords: (rs) => rs.forEach((r) => values.push(String(r.value))) });
      expect(values).toEqual(['committed']);
      const read = await readRecords({ brokers, topic, until: (rs) => rs.length >= 1, timeoutMs: 10_000 });
      expect(read.map((r) => String(r.value))).toEqual(['committed']);
      const uncommitted = await readRecords({ brokers, topic, isolation: 'read_uncommitted', until: (rs) => rs.length >= 4, timeoutMs: 10_000 });
      expect(uncommitted).toHaveLength(4);
    } finally {
      await Promise.all([first.close(), second.close()]);
      await admin.deleteTopics([topic]);
      await admin.close();
    }
  }, 60_000);

  it('a reader told to stop returns what it read, long before its timeout', async () => {
    const topic = `t-rc-stop-${randomBytes(3).toString('hex')}`;
    const admin = await createTopicAdmin({ brokers });
    await admin.ensureTopics([{ topic, partitions: 1 }]);
    const writer = await createTransactionalWriter({ brokers, logLevel: 'nothing', transactionalId: `${topic}-w` });
    try {
      const tx = await writer.begin();
      await tx.send([{ topic, key: 'k', value: Buffer.from('one') }]);
      await tx.commit();
      const stop = new AbortController();
      const started = Date.now();
      const reading = readRecords({ brokers, topic, until: () => false, timeoutMs: 120_000, signal: stop.signal });
      setTimeout(() => stop.abort(), 5_000);
      const read = await reading;
      expect(read.map((r) => String(r.value))).toEqual(['one']);
      expect(Date.now() - started).toBeLessThan(60_000);
    } finally {
      await writer.close();
      await admin.deleteTopics([topic]);
      await admin.close();
    }
  }, 90_000);
});
