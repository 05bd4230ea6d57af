import { spawn } from 'node:child_process';
import { activitySummarySchema } from '@eap/avro-schemas';
import { createConnectClient } from '@eap/connect-io';
import { createRecordWriter, createSchemaRegistryCodec } from '@eap/kafka-io';
import { readLatestSummaries } from '@eap/pipeline-ops';
import { findRepoRoot } from '@eap/stack';
import { createTestPipeline, describeOnStack, startApp } from '@eap/testing';
import { runPipelineCli } from './pipeline-cli-runner.js';
import { settleAndVerify } from './summary-checks.js';

const row = (employee_id: number | null = 1) => ({
  employee_id,
  activity_type: 'watch_probe',
  duration_seconds: 3,
  activity_timestamp: new Date().toISOString().replace('Z', ''),
});

/** `npm run pipeline -- doctor --watch` as a user runs it; its output as it comes, and a wait for a line. */
const startWatch = (env: Readonly<Record<string, string>>) => {
  const child = spawn('npm', ['run', '--silent', 'pipeline', '--', 'doctor', '--watch'], {
    cwd: findRepoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout.on('data', (d: Buffer) => void (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (text += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    get text() {
      return text;
    },
    async waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const m = pattern.exec(text);
        if (m) return m[0];
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`doctor --watch printed no ${pattern} within ${timeoutMs / 1000} s:\n${text}`);
    },
    async stop(): Promise<number | null> {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
      return exited;
    },
  };
};

describeOnStack('npm run pipeline -- doctor --watch', (stack) => {
  it('raises the lag in seconds of a stopped processor and dead letters arriving, each with its fix, and clears them', async () => {
    const p = await createTestPipeline(stack, 'watch');
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
    let processor = startApp('enrichment-processor', env);
    const watch = startWatch({ ...p.env, ALERT_LAG_SECONDS: '4', DOCTOR_WATCH_INTERVAL_SECONDS: '2', DOCTOR_WATCH_VERIFY_SECONDS: '0' });
    try {
      await processor.waitForEvent('processor.started');
      await watch.waitFor(/✓ no problems found|problem\(s\)|warning\(s\)/);

      // A row the processor cannot place (no employee) goes to the DLQ: an alert while such rows arrive.
      await p.db.insertInto('employee_activities').values(row(null)).execute();
      await watch.waitFor(/RAISED dlq:arriving: 1 new record\(s\) in \S+ in \d+ s: missing_employee 1\n\s+fix: read them/);
      await watch.waitFor(/CLEARED dlq:arriving/);

      // Stopped while rows come: its lag in seconds passes ALERT_LAG_SECONDS=4.
      await processor.kill('SIGTERM');
      await p.db.insertInto('employee_activities').values([row(), row()]).execute();
      const raised = await watch.waitFor(/✗ RAISED lag-seconds:enrichment-processor: [^\n]+\n\s+fix: [^\n]+/);
      expect(raised).toMatch(/enrichment-processor is \d+(\.\d)? s behind on \S+ \(2 records\), above ALERT_LAG_SECONDS=4/);
      expect(raised).toContain('fix: start it: npx nx serve enrichment-processor');

      processor = startApp('enrichment-processor', env);
      await processor.waitForEvent('processor.started');
      await watch.waitFor(/CLEARED lag-seconds:enrichment-processor/);
      process.stderr.write(`[npm run pipeline -- doctor --watch]\n${watch.text}\n`);
    } finally {
      await watch.stop();
      await processor.kill();
      await p.dispose();
    }
  }, 300_000);

  it('raises verify differences found at a quiet moment, and clears them once the summary is right again', async () => {
    const p = await createTestPipeline(stack, 'watchverify');
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
    const apps = [startApp('enrichment-processor', env), startApp('summary-aggregator', env)];
    const watch = startWatch({ ...p.env, DOCTOR_WATCH_INTERVAL_SECONDS: '2', DOCTOR_WATCH_VERIFY_SECONDS: '2' });
    const writer = await createRecordWriter({ brokers: [...stack.connection.kafkaBrokers] });
    try {
      await apps[1]!.waitForEvent('aggregator.started');
      await p.db
        .insertInto('employee_activities')
        .values([row(7), row(7)])
        .execute();
      expect((await settleAndVerify(p)).ok).toBe(true);
      await watch.waitFor(/✓ no problems found|problem\(s\)|warning\(s\)/);
      const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });
      const { summaries } = await readLatestSummaries({ brokers: [...stack.connection.kafkaBrokers] }, p.names.summariesTopic, codec);
      const [[key, summary]] = [...summaries];
      const encoder = await codec.registerEncoder(`${p.names.summariesTopic}-value`, activitySummarySchema);
      // Someone wrote a wrong value over the summary: verify, run by the watch, finds it.
      await writer.send([
        { topic: p.names.summariesTopic, key: Buffer.from(key!), value: encoder.encode({ ...summary!, activity_count: summary!.activity_count + 3 }) },
      ]);
      await watch.waitFor(/✗ RAISED verify: 1 summary group\(s\) differ from SQL GROUP BY\n\s+fix: npm run pipeline -- verify names them/);
      await writer.send([{ topic: p.names.summariesTopic, key: Buffer.from(key!), value: encoder.encode(summary!) }]);
      await watch.waitFor(/✓ CLEARED verify: summaries equal SQL GROUP BY/);
    } finally {
      await writer.close();
      await watch.stop();
      await Promise.all(apps.map((a) => a.kill()));
      await p.dispose();
    }
  }, 300_000);

  it('raises a broker the settings name that does not answer', async () => {
    const p = await createTestPipeline(stack, 'watchbroker');
    try {
      const doctor = await runPipelineCli({ ...p.env, KAFKA_BROKERS: `${stack.connection.kafkaBrokers.join(',')},127.0.0.1:1` }, ['doctor']);
      process.stderr.write(`[doctor, a dead broker named]\n${doctor.stdout}${doctor.stderr}\n`);
      expect(doctor.stdout).toMatch(/! brokers +1 of 2 brokers alive; not answering: 127\.0\.0\.1:1/);
    } finally {
      await p.dispose();
    }
  }, 120_000);

  it('raises the slot retaining WAL while the connector is paused, and clears it once the connector caught up', async () => {
    const p = await createTestPipeline(stack, 'watchslot');
    const connect = createConnectClient({ baseUrl: stack.connection.connectUrl });
    // 0.1 % of the stack's 2 GB max_slot_wal_keep_size: about 2 MB.
    const watch = startWatch({
      ...p.env,
      ALERT_SLOT_WAL_PERCENT: '0.1',
      ALERT_LAG_SECONDS: '1',
      DOCTOR_WATCH_INTERVAL_SECONDS: '2',
      DOCTOR_WATCH_VERIFY_SECONDS: '0',
    });
    try {
      await watch.waitFor(/✓ slot +slot \S+ active/);
      await connect.pause(p.names.connector);
      for (let i = 0; i < 6; i++)
        await p.db
          .insertInto('employee_activities')
          .values(Array.from({ length: 2_000 }, () => ({ ...row(7), page_url: `/wal/${'x'.repeat(180)}` })))
          .execute();
      const raised = await watch.waitFor(
        /! RAISED slot: slot \S+ retains [\d.]+ MB of WAL, [\d.]+ % of max_slot_wal_keep_size \(2048 MB\), above ALERT_SLOT_WAL_PERCENT=0\.1\n\s+fix: [^\n]+/,
      );
      expect(raised).toContain('the connector is behind');
      await connect.resume(p.names.connector);
      await watch.waitFor(/✓ CLEARED slot: slot \S+ active, retaining/, 120_000);
      process.stderr.write(`[doctor --watch, slot]\n${watch.text}\n`);
    } finally {
      await connect.resume(p.names.connector).catch(() => undefined);
      await watch.stop();
      await p.dispose();
    }
  }, 300_000);
});
