import { setTimeout as sleep } from 'node:timers/promises';
import { createConnectClient } from '@eap/connect-io';
import { readRecords } from '@eap/kafka-io';
import { sql } from '@eap/pg-io';
import { createTestPipeline, describeOnStack, startApp, type AppProcess, type TestPipeline } from '@eap/testing';
import { runPipelineCli } from './pipeline-cli-runner.js';
import { runStackCli } from './stack-cli.js';
import { settleAndVerify } from './summary-checks.js';

/**
 * With Avro the default, the registry is on the capture's path. Killed: what is cached goes on, what
 * needs it stops without losing anything, each stop says why, and once it is back every row is counted.
 */
describeOnStack(
  'schema registry killed under a running pipeline (disruptive: runs last)',
  (stack) => {
    const brokers = stack.connection.kafkaBrokers;
    let p: TestPipeline;
    const apps: AppProcess[] = [];

    beforeAll(async () => {
      p = await createTestPipeline(stack, 'regdown');
    });
    afterAll(async () => {
      await Promise.all(apps.map((a) => a.kill()));
      if (runStackCli(['status']).code !== 0) runStackCli(['up']);
      await p?.dispose();
    });

    it('goes on with cached schemas, stops at a new one naming the registry, and counts every row once it is back', async () => {
      const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
      const processor = startApp('enrichment-processor', env);
      const aggregator = startApp('summary-aggregator', env);
      apps.push(processor, aggregator);
      await aggregator.waitForEvent('aggregator.started');
      const [e] = await p.db.selectFrom('employees').select('id').orderBy('id').limit(1).execute();
      const insert = (n: number) =>
        sql`INSERT INTO employee_activities (employee_id, activity_type, duration_seconds, activity_timestamp) SELECT ${e!.id}, 'login', g, now() FROM generate_series(1, ${n}) g`.execute(
          p.db,
        );
      const processed = (n: number) => readRecords({ brokers, topic: p.names.processedTopic, until: (rs) => rs.length >= n, timeoutMs: 60_000 });
      await insert(3);
      expect(await processed(3)).toHaveLength(3);

      expect(runStackCli(['kill', 'registry']).code).toBe(0);
      // Connect's resolver and the processor's decoder hold the schemas already seen: rows keep flowing.
      await insert(3);
      expect(await processed(6)).toHaveLength(6);

      // A processor starting now cannot register its output schema: it says so and exits (npm start retries it).
      const late = startApp('enrichment-processor', env);
      apps.push(late);
      expect(await late.exited).toBe(1);
      expect(late.lines.join('\n')).toContain('the schema registry did not answer');

      // A new table schema needs the registry: the task fails on it, and nothing is lost.
      await sql`ALTER TABLE employee_activities ADD COLUMN note text`.execute(p.db);
      await insert(2);
      const connect = createConnectClient({ baseUrl: stack.connection.connectUrl });
      for (let i = 0; i < 120 && (await connect.status(p.names.connector))?.tasks[0]?.state !== 'FAILED'; i++) await sleep(500);
      const broken = await runPipelineCli(p.env, ['doctor']);
      process.stderr.write(`[npm run pipeline -- doctor, the registry down]\n${broken.stdout}\n`);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/✗ registry +registry is not reachable/);
      expect(broken.stdout).toContain(`task(s) 0 FAILED of ${p.names.connector}: the Avro converter's request to the registry failed`);
      expect(broken.stdout).toContain('fix: bring the registry back first (see the registry check), then npm run pipeline -- doctor --fix');

      expect(runStackCli(['restart', 'registry']).code).toBe(0);
      const fixed = await runPipelineCli(p.env, ['doctor', '--fix']);
      expect(fixed.stderr).toContain(`▸ restarting ${p.names.connector}`);
      expect(await processed(8)).toHaveLength(8);
      const result = await settleAndVerify(p);
      expect(result.report.mismatched).toEqual([]);
      expect(result.report.missing).toEqual([]);
      expect(result.report.extra).toEqual([]);
      expect(result.report.matched).toBe(1);
    }, 300_000);
  },
  { only: 'embedded' },
);
