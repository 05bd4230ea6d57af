import { randomBytes } from 'node:crypto';
import { createRecordWriter, createTopicAdmin, startExactlyOnceLoop } from '@eap/kafka-io';
import { runPlainPassthrough } from '@eap/kafka-io/bench';
import { debeziumInsertEvents } from './debezium-event-factory.js';

export interface ThroughputFigures {
  readonly events: number;
  readonly bytes: number;
  readonly plain: number;
  readonly transactional: number;
  readonly processor: number;
  /** The summary aggregator over the processor's output (the same records). */
  readonly aggregator: number;
}

/** A real app started on the bench's topics: when it began consuming and how many records it has counted. */
export interface BenchApp {
  readonly startedAt: number;
  readonly count: () => Promise<number>;
  readonly stop: () => Promise<void>;
}

/** Preloads the input topic once, then measures three readers of it one after the other. */
export const runThroughputBench = async ({
  brokers,
  repoRoot,
  events,
  startProcessor,
  startAggregator,
  log,
}: {
  brokers: readonly string[];
  repoRoot: string;
  events: number;
  /** Starts the real enrichment processor on `prefix`; resolves once it consumes, returns a stopper. */
  startProcessor: (prefix: string) => Promise<BenchApp>;
  /** Starts the real summary aggregator on `<prefix>-processed`; its count is records read. */
  startAggregator: (prefix: string) => Promise<BenchApp>;
  log: (line: string) => void;
}): Promise<ThroughputFigures> => {
  const prefix = `bench-${randomBytes(3).toString('hex')}`;
  const input = `${prefix}.public.employee_activities`;
  const topics = { input, plain: `${prefix}-plain`, txn: `${prefix}-txn`, employees: `${prefix}.public.employees` };
  const admin = await createTopicAdmin({ brokers });
  await admin.ensureTopics(Object.values(topics).map((topic) => ({ topic, partitions: 1 })));
  try {
    log(`preloading ${events.toLocaleString('en-US')} Debezium events into ${input} ...`);
    const writer = await createRecordWriter({ brokers });
    let bytes = 0;
    for (let i = 0; i < events; i += 10_000) {
      const chunk = debeziumInsertEvents(repoRoot, Math.min(10_000, events - i), { firstLsn: 10_000_000_000 + i * 100 });
      bytes += chunk.reduce((n, m) => n + m.value.length, 0);
      const records = chunk.map((m) => ({ topic: input, key: m.key, value: Buffer.from(m.value) }));
      for (let j = 0; j < records.length; j += 1_000) await writer.send(records.slice(j, j + 1_000));
      if ((i / 10_000) % 5 === 4) log(`  ${(i + 10_000).toLocaleString('en-US')} written`);
    }
    await writer.close();

    log('(a) plain consume-then-produce ...');
    const plain = await runPlainPassthrough({ kafka: { brokers, clientId: 'bench-plain' }, from: input, to: topics.plain, expected: events });

    log("(b) the same inside per-batch transactions (the processors' exactly-once loop) ...");
    let started = 0;
    let committed = 0;
    let txnDone = 0;
    let crashed: Error | undefined;
    const loop = await startExactlyOnceLoop({
      kafka: { brokers, clientId: 'bench-txn', logLevel: 'error' },
      groupId: `${prefix}-txn`,
      topics: [input],
      transactionalIdPrefix: `${prefix}-txn`,
      handleBatch: async (records) => {
        started ||= Date.now();
        return { outputs: records.map((r) => ({ topic: topics.txn, key: r.key, value: r.value })), metadata: null };
      },
      on: (event, detail) => {
        if (event !== 'eos.committed') return;
        committed += Number(detail['outputs']);
        if (committed >= events && !txnDone) txnDone = Date.now();
      },
      onCrash: (error) => (crashed = error),
    });
    while (!txnDone) {
      if (crashed) throw new Error(`the exactly-once loop stopped: ${crashed.message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await loop.stop();

    log('(c) the enrichment processor ...');
    const processor = await startProcessor(prefix);
    while ((await processor.count()) < events) await new Promise((r) => setTimeout(r, 100));
    const processorDone = Date.now();
    await processor.stop();

    log("(d) the summary aggregator over the processor's output ...");
    const aggregator = await startAggregator(prefix);
    while ((await aggregator.count()) < events) await new Promise((r) => setTimeout(r, 100));
    const aggregatorDone = Date.now();
    await aggregator.stop();

    return {
      events,
      bytes,
      plain: events / plain.seconds,
      transactional: events / ((txnDone - started) / 1000),
      processor: events / ((processorDone - processor.startedAt) / 1000),
      aggregator: events / ((aggregatorDone - aggregator.startedAt) / 1000),
    };
  } finally {
    await admin.deleteTopics([...Object.values(topics), `${prefix}-processed`, `${prefix}-dlq`, `${prefix}-summaries`, `${prefix}-summaries-changelog`]);
    await admin.close();
  }
};
