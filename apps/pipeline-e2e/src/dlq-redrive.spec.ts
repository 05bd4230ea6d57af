import { createTestPipeline, describeOnStack, startApp, type AppProcess, type TestPipeline } from '@eap/testing';
import { runPipelineCli } from './pipeline-cli-runner.js';
import { settleAndVerify } from './summary-checks.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wallClock = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString().replace('Z', '');

interface ListedJson {
  readonly id: string;
  readonly reason: string;
  readonly redrive: { readonly outcome: string } | null;
  readonly history: readonly { readonly reason: string; readonly dlq: string }[];
}

/** `dlq list --json`, until `done` holds (the apps write the DLQ as they go). */
const listUntil = async (
  p: TestPipeline,
  done: (entries: readonly ListedJson[]) => boolean,
  env: Record<string, string> = {},
): Promise<readonly ListedJson[]> => {
  let entries: readonly ListedJson[] = [];
  for (let i = 0; i < 60; i++) {
    const r = await runPipelineCli({ ...p.env, ...env }, ['dlq', 'list', '--json']);
    entries = r.code === 0 ? (JSON.parse(r.stdout) as ListedJson[]) : [];
    if (done(entries)) return entries;
    await sleep(1_000);
  }
  throw new Error(`the DLQ never got there: ${JSON.stringify(entries)}`);
};

describeOnStack('npm run pipeline -- dlq', (stack) => {
  it('redrives late rows after the retention was raised, once however often it is asked, and sends a still-failing row back with its history', async () => {
    const p = await createTestPipeline(stack, 'redrive');
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
    const processor = startApp('enrichment-processor', env);
    let aggregator: AppProcess = startApp('summary-aggregator', { ...env, WINDOW_RETENTION_HOURS: '1' });
    try {
      await aggregator.waitForEvent('aggregator.started');
      const row = (employee_id: number | null, hoursAgo: number) => ({
        employee_id,
        activity_type: 'redrive_probe',
        duration_seconds: 4,
        activity_timestamp: wallClock(hoursAgo),
      });
      await p.db.insertInto('employee_activities').values(row(3, 0)).execute(); // moves the watermark to now
      await sleep(3_000);
      const late = row(3, 5);
      // Employee 3's partition has seen the row above (its watermark is now): these two rows are late.
      await p.db
        .insertInto('employee_activities')
        .values([late, row(3, 7), row(null, 0)])
        .execute();
      const lateKey = `3|redrive_probe|${late.activity_timestamp.slice(0, 13)}:00:00.000Z`;
      const explain = async () =>
        JSON.parse((await runPipelineCli(p.env, ['explain', lateKey, '--json'])).stdout) as { addsUp: boolean; totals: { count: number }; excluded: unknown[] };
      await listUntil(p, (e) => e.filter((x) => x.reason === 'late').length === 2 && e.some((x) => x.reason === 'missing_employee'));
      const listed = await runPipelineCli(p.env, ['dlq', 'list']);
      process.stderr.write(`[npm run pipeline -- dlq list]\n${listed.stdout}\n`);
      expect(listed.stdout).toMatch(/3 record\(s\); pending 3 \((late 2, missing_employee 1|missing_employee 1, late 2)\), redriven 0/);

      // Before the fix: late rows past WINDOW_RETENTION_HOURS=1 are refused, naming the setting that admits them.
      const dry = await runPipelineCli(p.env, ['dlq', 'redrive', '--dry-run']);
      process.stderr.write(`[npm run pipeline -- dlq redrive --dry-run]\n${dry.stdout}\n`);
      expect(dry.code).toBe(1);
      expect(dry.stdout).toMatch(
        /late\s+refused: its window \S+ ended \d+ h before the aggregator’s watermark, past WINDOW_RETENTION_HOURS=1: run the aggregators with WINDOW_RETENTION_HOURS=\d+ or more/,
      );
      expect(dry.stdout).toMatch(/missing_employee\s+would fail again: missing_employee/);

      // The fix: the aggregator runs with a longer retention. SQL now counts the two late rows; the summaries do not yet.
      await aggregator.kill('SIGTERM');
      aggregator = startApp('summary-aggregator', { ...env, WINDOW_RETENTION_HOURS: '24' });
      await aggregator.waitForEvent('aggregator.started');
      expect(await explain()).toMatchObject({ totals: { count: 0 }, excluded: [expect.anything()] }); // dead-lettered: not counted

      // The redrive reads the settings the apps read: WINDOW_RETENTION_HOURS says what the aggregators now run with.
      // Two operators redrive at the same moment: the one that fences the other first sends; the other
      // either finds the ledger entries (done before) or is fenced and writes nothing.
      const both = await Promise.all([0, 1].map(() => runPipelineCli({ ...p.env, WINDOW_RETENTION_HOURS: '24' }, ['dlq', 'redrive', '--reason', 'late'])));
      for (const r of both) process.stderr.write(`[npm run pipeline -- dlq redrive --reason late] exit ${r.code}\n${r.stdout}${r.stderr}\n`);
      const sent = both.filter((r) => r.code === 0 && /2 record\(s\): resend 2/.test(r.stdout));
      expect(sent).toHaveLength(1);
      for (const r of both.filter((x) => x.code !== 0))
        expect(r.stderr).toContain('another redrive of this pipeline started meanwhile and took over: nothing of this one was written');
      expect((await settleAndVerify(p)).ok).toBe(true);
      expect(await explain()).toMatchObject({ addsUp: true, totals: { count: 1 } });

      // Asked again: each counts once.
      const again = await runPipelineCli({ ...p.env, WINDOW_RETENTION_HOURS: '24' }, ['dlq', 'redrive', '--reason', 'late']);
      expect(again.stdout).toMatch(/already redriven .* left alone/);
      expect(again.stdout).toMatch(/2 record\(s\): done_before 2/);
      await sleep(3_000);
      expect((await settleAndVerify(p)).ok).toBe(true);
      expect(await explain()).toMatchObject({ addsUp: true, totals: { count: 1 } });

      // Still failing: back in the DLQ with its history, and recorded as such, so it is not retried in a loop.
      const failing = await runPipelineCli(p.env, ['dlq', 'redrive', '--reason', 'missing_employee']);
      expect(failing.code).toBe(1);
      expect(failing.stdout).toMatch(/fails again: missing_employee .* back in the DLQ with its history/);
      const after = await listUntil(p, (e) => e.length === 4);
      const original = after.find((x) => x.reason === 'missing_employee' && x.history.length === 0)!;
      expect(original.redrive).toMatchObject({ outcome: 'dead_lettered_again' });
      expect(after.find((x) => x.history.length === 1)).toMatchObject({
        reason: 'missing_employee',
        redrive: null,
        history: [{ reason: 'missing_employee', dlq: original.id }],
      });
      expect(after.filter((x) => x.reason === 'late').every((x) => x.redrive?.outcome === 'sent')).toBe(true);
    } finally {
      await Promise.all([processor.kill(), aggregator.kill()]);
      await p.dispose();
    }
  }, 420_000);

  it('redrives a record the processor refused as too large once the limit is raised, exactly once while the processor is SIGKILLed', async () => {
    const p = await createTestPipeline(stack, 'redrivekill');
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info', PROCESSOR_MAX_VALUE_BYTES: '8192' };
    let processor = startApp('enrichment-processor', env);
    const aggregator = startApp('summary-aggregator', env);
    try {
      await aggregator.waitForEvent('aggregator.started');
      const big = { employee_id: 5, activity_type: 'redrive_big', duration_seconds: 9, user_agent: 'x'.repeat(12_000), activity_timestamp: wallClock(0) };
      await p.db
        .insertInto('employee_activities')
        .values([big, { ...big, user_agent: 'small' }])
        .execute();
      const [entry] = await listUntil(p, (e) => e.length === 1);
      expect(entry).toMatchObject({ reason: 'too_large' });
      expect((await settleAndVerify(p, 20_000)).ok).toBe(false); // SQL has the large row, the summary does not

      // Redrive with the limit raised (as PROCESSOR_MAX_VALUE_BYTES is read by redrive too), while the processor is killed.
      await processor.kill('SIGKILL');
      const raised = { PROCESSOR_MAX_VALUE_BYTES: '1048576' };
      const first = await runPipelineCli({ ...p.env, ...raised }, ['dlq', 'redrive']);
      process.stderr.write(`[npm run pipeline -- dlq redrive]\n${first.stdout}\n`);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(new RegExp(`${entry!.id}\\s+too_large\\s+sent: \\+I of activity \\d+ \\(employee 5\\)`));
      processor = startApp('enrichment-processor', { ...env, ...raised });
      const second = await runPipelineCli({ ...p.env, ...raised }, ['dlq', 'redrive']);
      expect(second.stdout).toMatch(/1 record\(s\): done_before 1/);
      expect((await settleAndVerify(p)).ok).toBe(true);
      const shown = await runPipelineCli(p.env, ['dlq', 'show', entry!.id]);
      expect(shown.stdout).toMatch(/state {4}redriven .*: sent to \S+\/\d/);
    } finally {
      await Promise.all([processor.kill(), aggregator.kill()]);
      await p.dispose();
    }
  }, 300_000);
});
