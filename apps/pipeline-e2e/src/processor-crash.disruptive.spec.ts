import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchemaRegistryCodec, readRecords } from '@eap/kafka-io';
import { findRepoRoot } from '@eap/stack';
import { createTestPipeline, describeOnStack, type TestPipeline } from '@eap/testing';
import { startApp, type AppProcess } from '@eap/testing';
import { runStackCli } from './stack-cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeOnStack(
  'exactly once through crashes (disruptive: runs last)',
  (stack) => {
    const brokers = stack.connection.kafkaBrokers;
    const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });

    /** Inserts, updates and deletes in small transactions; returns how many processed records they imply. */
    const workload = async (p: TestPipeline, rounds: number) => {
      const employees = (await p.db.selectFrom('employees').select('id').limit(20).execute()).map((e) => e.id);
      let expected = 0;
      for (let round = 0; round < rounds; round++) {
        await p.db.transaction().execute(async (tx) => {
          const ids = await tx
            .insertInto('employee_activities')
            .values(
              Array.from({ length: 10 }, (_, i) => ({
                employee_id: employees[(round + i) % employees.length]!,
                activity_type: i % 2 ? 'click' : 'page_view',
                duration_seconds: i * 40,
                activity_timestamp: `2024-03-0${1 + (i % 5)} 1${i % 10}:00:00`,
              })),
            )
            .returning('id')
            .execute();
          await tx
            .updateTable('employee_activities')
            .set({ duration_seconds: 7 })
            .where(
              'id',
              'in',
              ids.slice(0, 4).map((r) => r.id),
            )
            .execute();
          await tx.deleteFrom('employee_activities').where('id', '=', ids[9]!.id).execute();
          expected += 10 + 2 * 4 + 1;
        });
        await sleep(40);
      }
      return expected;
    };

    /** Every committed processed record, identified by (source LSN, activity id, row kind). */
    const processedIdentities = async (p: TestPipeline, expected: number) => {
      const records = await readRecords({ brokers, topic: p.names.processedTopic, until: (rs) => rs.length >= expected, timeoutMs: 120_000 });
      await sleep(3_000);
      const settled = await readRecords({ brokers, topic: p.names.processedTopic, until: (rs) => rs.length > records.length, timeoutMs: 3_000 });
      return Promise.all(
        settled.map(async (r) => {
          const d = await codec.decode(r.value!);
          const v = d.kind === 'ok' ? (d.value as { source_lsn: number; id: number; row_kind: string }) : undefined;
          return `${v?.source_lsn}/${v?.id}/${v?.row_kind}`;
        }),
      );
    };

    it('a processor SIGKILLed mid-stream, again and again, still writes each change once', async () => {
      const p = await createTestPipeline(stack, 'kill');
      const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'warn' };
      let processor: AppProcess = startApp('enrichment-processor', env);
      try {
        const writing = workload(p, 60);
        for (let kill = 0; kill < 4; kill++) {
          await sleep(1_500 + Math.random() * 1_500);
          await processor.kill('SIGKILL');
          processor = startApp('enrichment-processor', env);
        }
        const expected = await writing;
        const ids = await processedIdentities(p, expected);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(expected);
      } finally {
        await processor.kill();
        await p.dispose();
      }
    });

    it('Kafka Connect SIGKILLed mid-stream and restarted (it re-sends) still gives each change once', async () => {
      const p = await createTestPipeline(stack, 'connectkill');
      const processor = startApp('enrichment-processor', { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'warn' });
      try {
        const writing = workload(p, 60);
        await sleep(2_500);
        const pid = Number(readFileSync(join(findRepoRoot(), '.stack', 'run', 'connect.pid'), 'utf8'));
        process.kill(pid, 'SIGKILL');
        await sleep(1_000);
        expect(runStackCli(['up']).code).toBe(0);
        const expected = await writing;
        const ids = await processedIdentities(p, expected);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(expected);
        const input = await readRecords({ brokers, topic: p.topics.activities, until: () => false, timeoutMs: 3_000 });
        process.stderr.write(`[connect-kill] input records ${input.length} for ${expected} expected outputs\n`);
      } finally {
        await processor.kill();
        await p.dispose();
      }
    });
  },
  { only: 'embedded' },
);
