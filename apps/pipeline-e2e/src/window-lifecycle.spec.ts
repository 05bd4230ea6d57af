import { createSchemaRegistryCodec } from '@eap/kafka-io';
import { readLatestSummaries } from '@eap/pipeline-ops';
import { createTestPipeline, describeOnStack, startApp, type AppProcess, type TestPipeline } from '@eap/testing';
import { sql } from '@eap/pg-io';
import { settleAndVerify } from './summary-checks.js';

/** The port an app bound for health and metrics (AGGREGATOR_HEALTH_PORT=0 takes any free one). */
const healthPort = async (app: AppProcess): Promise<string> => String((await app.waitForEvent('aggregator.started'))['health']).replace(/.*:(\d+)\/.*/, '$1');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOUR = 3_600_000;
/** A `timestamp` literal for epoch millis, on the wall clock the aggregator uses (UTC here). */
const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

describeOnStack('window lifecycle on the real stack', (stack) => {
  const start = async (p: TestPipeline, extra: Readonly<Record<string, string>>): Promise<AppProcess[]> => {
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info', ...extra };
    const apps = [startApp('enrichment-processor', env), startApp('summary-aggregator', env)];
    await Promise.all([apps[0]!.waitForEvent('processor.started'), apps[1]!.waitForEvent('aggregator.started')]);
    return apps;
  };
  const latest = (p: TestPipeline) =>
    readLatestSummaries({ brokers: stack.connection.kafkaBrokers }, p.names.summariesTopic, createSchemaRegistryCodec({ url: stack.connection.registryUrl }));

  it('closes a window on an idle pipeline, on a timer, with no record after it', async () => {
    const p = await createTestPipeline(stack, 'idle');
    const apps = await start(p, { WINDOW_IDLE_ADVANCE_SECONDS: '2', WINDOW_GRACE_SECONDS: '1' });
    try {
      const lastHour = Math.floor(Date.now() / HOUR) * HOUR - HOUR / 2;
      await p.db
        .insertInto('employee_activities')
        .values({ employee_id: 3, activity_type: 'login', duration_seconds: 5, activity_timestamp: stamp(lastHour) })
        .execute();
      let closed = false;
      for (let i = 0; i < 60 && !closed; i++) {
        await sleep(1_000);
        closed = [...(await latest(p)).summaries.values()].some((s) => s.employee_id === 3 && s.closed);
      }
      expect(closed).toBe(true);
      expect((await settleAndVerify(p)).ok).toBe(true);
    } finally {
      await Promise.all(apps.map((a) => a.kill()));
      await p.dispose();
    }
  }, 300_000);

  it('a truncate tombstones every live summary, those of groups already released past retention included', async () => {
    const p = await createTestPipeline(stack, 'trunc');
    const apps = await start(p, { WINDOW_RETENTION_HOURS: '1', WINDOW_GRACE_SECONDS: '1' });
    try {
      const now = Date.now();
      const employees = [5, 6, 7];
      await p.db
        .insertInto('employee_activities')
        .values(employees.map((e) => ({ employee_id: e, activity_type: 'click', duration_seconds: e, activity_timestamp: stamp(now - 5 * HOUR) })))
        .execute();
      for (let i = 0; i < 60 && (await latest(p)).summaries.size < 3; i++) await sleep(1_000);
      // Recent rows of the same employees (so on the same partitions) move the watermark: the old
      // windows now end more than an hour before it, and their groups are released from the state.
      await p.db
        .insertInto('employee_activities')
        .values(employees.map((e) => ({ employee_id: e, activity_type: 'click', duration_seconds: 1, activity_timestamp: stamp(now) })))
        .execute();
      for (let i = 0; i < 60 && (await latest(p)).summaries.size < 6; i++) await sleep(1_000);
      expect((await latest(p)).summaries.size).toBe(6);
      const metrics = await (await fetch(`http://127.0.0.1:${await healthPort(apps[1]!)}/metrics`)).text();
      const held = [...metrics.matchAll(/^aggregator_groups\{partition="\d+"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
      expect(held).toBe(3); // the three old groups were released: only their summaries remain
      await sql`TRUNCATE employee_activities`.execute(p.db);
      let live = 6;
      for (let i = 0; i < 60 && live > 0; i++) {
        await sleep(1_000);
        live = (await latest(p)).summaries.size;
      }
      expect(live).toBe(0);
      expect((await settleAndVerify(p)).ok).toBe(true);
    } finally {
      await Promise.all(apps.map((a) => a.kill()));
      await p.dispose();
    }
  }, 300_000);
});
