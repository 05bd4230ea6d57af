import { createConnectClient } from '@eap/connect-io';
import { createTestPipeline, describeOnStack, startApp } from '@eap/testing';
import { runPipelineCli } from './pipeline-cli-runner.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const row = () => ({ employee_id: 1, activity_type: 'doctor_probe', duration_seconds: 3, activity_timestamp: new Date().toISOString().replace('Z', '') });

describeOnStack('npm run pipeline -- status | doctor', (stack) => {
  it('finds a stopped connector and a consumer group nobody consumes for, explains both, and --fix resumes the connector', async () => {
    const p = await createTestPipeline(stack, 'doctor');
    const connect = createConnectClient({ baseUrl: stack.connection.connectUrl });
    const processor = startApp('enrichment-processor', { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
    try {
      await p.db.insertInto('employee_activities').values(row()).execute();
      await processor.waitForEvent('processor.started');
      // Healthy apart from the aggregator, which nobody started: its group has lag and no members.
      const processed = new RegExp(`${p.names.processedTopic}\\s+3\\s+[1-9]`);
      let status = await runPipelineCli(p.env, ['status']);
      for (let i = 0; i < 30 && !processed.test(status.stdout); i++) {
        await sleep(1_000);
        status = await runPipelineCli(p.env, ['status']);
      }
      process.stderr.write(`[npm run pipeline -- status]\n${status.stdout}\n`);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(new RegExp(`${p.names.connector}: RUNNING\\n\\s+task 0: RUNNING`));
      expect(status.stdout).toMatch(processed);
      expect(status.stdout).toMatch(/enrichment-processor\): Stable, 1 member\(s\), lag 0/);

      // Broken on purpose: the processor stops (its group empties) and rows keep coming; the connector is stopped.
      await processor.kill('SIGTERM');
      await p.db.insertInto('employee_activities').values([row(), row()]).execute();
      await sleep(2_000);
      await connect.stop(p.names.connector);
      await sleep(2_000);
      const broken = await runPipelineCli(p.env, ['doctor']);
      process.stderr.write(`[npm run pipeline -- doctor]\n${broken.stdout}\n`);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`✗ connector                    connector ${p.names.connector} is STOPPED: no changes are captured`);
      expect(broken.stdout).toMatch(/fix: npm run pipeline -- doctor --fix/);
      expect(broken.stdout).toMatch(
        new RegExp(
          `✗ lag:enrichment-processor +consumer group ${p.env['PIPELINE_TOPIC_PREFIX']}-enrichment-processor \\(enrichment-processor\\) has no members and is 2 records behind`,
        ),
      );
      expect(broken.stdout).toContain('fix: start it: npx nx serve enrichment-processor');

      const fixed = await runPipelineCli(p.env, ['doctor', '--fix', '--json']);
      expect(fixed.stderr).toContain(`▸ resuming ${p.names.connector}`);
      const report = JSON.parse(fixed.stdout) as { findings: { check: string; severity: string }[] };
      expect(report.findings.find((f) => f.check === 'connector')?.severity).toBe('ok');
      expect((await connect.status(p.names.connector))?.connector.state).toBe('RUNNING');
    } finally {
      await processor.kill();
      await p.dispose();
    }
  }, 300_000);
});
