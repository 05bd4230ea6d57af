import { createTestPipeline, describeOnStack, startApp, type AppProcess, type TestPipeline } from '@eap/testing';
import { runActivityWorkload } from './activity-workload.js';
import { runPipelineCli } from './pipeline-cli-runner.js';
import { differingKeys, dlqReasons, revisionRegressions, revisionsByKey, settleAndVerify, traceGroups, verifyPipeline } from './summary-checks.js';

/** `npm run pipeline -- verify` as a user runs it, with the test pipeline's settings. */
const cliVerify = (p: TestPipeline) => runPipelineCli(p.env, ['verify']);

describeOnStack('summary aggregator', (stack) => {
  it('keeps the summaries equal to SQL through moves, deletes, NULLs, back-dated rows and a TRUNCATE; verify finds a difference and the restart repairs it', async () => {
    const p = await createTestPipeline(stack, 'agg');
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'warn' };
    const processor = startApp('enrichment-processor', env);
    let aggregator: AppProcess = startApp('summary-aggregator', { ...env, LOG_LEVEL: 'info' });
    try {
      await aggregator.waitForEvent('aggregator.started');
      const counts = await runActivityWorkload(p, { seed: 6001, transactions: 50 });
      process.stderr.write(`[workload] ${JSON.stringify(counts)}\n`);

      const result = await settleAndVerify(p);
      expect(result.undecodable).toBe(0);
      expect(result.report.mismatched).toEqual([]);
      expect(result.report.missing).toEqual([]);
      expect(result.report.extra).toEqual([]);
      expect(result.report.matched).toBeGreaterThan(20);
      expect(result.aggregator.watermark).not.toBeNull();

      const reasons = await dlqReasons(stack, p, counts.late + counts.nullEmployee + counts.nullTimestamp);
      expect(reasons).toEqual({
        ...(counts.late ? { late: counts.late } : {}),
        ...(counts.nullEmployee ? { missing_employee: counts.nullEmployee } : {}),
        ...(counts.nullTimestamp ? { missing_timestamp: counts.nullTimestamp } : {}),
      });
      expect(counts.late).toBeGreaterThan(0);
      expect(revisionRegressions(await revisionsByKey(stack, p))).toEqual([]);

      // With the aggregator stopped, a new row is a group SQL has and the topic lacks.
      await aggregator.kill('SIGTERM');
      const employee = (await p.db.selectFrom('employees').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
      await p.db
        .insertInto('employee_activities')
        .values({ employee_id: employee, activity_type: 'verify_probe', duration_seconds: 5, activity_timestamp: new Date().toISOString().replace('Z', '') })
        .execute();
      const broken = await cliVerify(p);
      process.stderr.write(`[npm run pipeline -- verify, aggregator stopped]\n${broken.stdout}\n`);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/missing\s+1\b/);
      expect(broken.stdout).toContain('|verify_probe|');
      // The trace a failing crash test prints: the processed record is there, the summary is not.
      const [probeKey, ...others] = differingKeys(await verifyPipeline(p));
      expect(others).toEqual([]);
      let trace = '';
      for (let i = 0; i < 30 && !trace.includes('+I op=c'); i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 1_000));
        trace = await traceGroups(stack, p, [probeKey!]);
      }
      expect(trace).toMatch(new RegExp(`p\\d@\\d+ \\+I op=c id=\\d+ ${probeKey!.replace(/[|.]/g, '\\$&')} duration=5 `));
      expect(trace).toContain(`${probeKey}: revisions []`);

      aggregator = startApp('summary-aggregator', { ...env, LOG_LEVEL: 'info' });
      const restored = await aggregator.waitForEvent('aggregator.restored');
      expect(Number(restored['groups'])).toBeGreaterThan(0);
      expect((await settleAndVerify(p)).ok).toBe(true);
      const repaired = await cliVerify(p);
      process.stderr.write(`[npm run pipeline -- verify]\n${repaired.stdout}\n`);
      expect(repaired.code).toBe(0);
      expect(repaired.stdout).toMatch(/matched\s+\d+/);
      expect(repaired.stdout).toContain('✓ the summaries equal the SQL GROUP BY');
      expect((await verifyPipeline(p)).report.matched).toBe(result.report.matched + 1);
    } finally {
      await aggregator.kill();
      await processor.kill();
      await p.dispose();
    }
  }, 480_000);
});
