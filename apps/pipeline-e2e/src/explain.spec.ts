import { summaryKey } from '@eap/windowing';
import { createTestPipeline, describeOnStack, startApp } from '@eap/testing';
import { runPipelineCli } from './pipeline-cli-runner.js';
import { settleAndVerify } from './summary-checks.js';

interface ExplainJson {
  readonly addsUp: boolean;
  readonly rows: readonly number[];
  readonly totals: { readonly count: number; readonly durationCount: number; readonly totalDuration: number | null };
  readonly sql: { readonly sameRows: boolean; readonly text: string };
  readonly summary: { readonly activity_count: number; readonly total_duration: number | null } | null;
  readonly contributions: readonly {
    readonly rowKind: string;
    readonly op: string;
    readonly activityId: number;
    readonly count: number;
    readonly duration: number | null;
    readonly sourceLsn: number;
    readonly sourceTxId: number;
    readonly committedAt: number;
    readonly offset: string;
  }[];
  readonly cost: { readonly processedRecordsScanned: number; readonly seconds: number };
}

describeOnStack('npm run pipeline -- explain', (stack) => {
  it('lists the changes behind a summary (inserts, a move out, an update, a delete), which add up to it and to the SQL rows', async () => {
    const p = await createTestPipeline(stack, 'explain');
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'warn' };
    const processor = startApp('enrichment-processor', env);
    const aggregator = startApp('summary-aggregator', { ...env, LOG_LEVEL: 'info' });
    try {
      await aggregator.waitForEvent('aggregator.started');
      const hour = new Date();
      hour.setUTCMinutes(0, 0, 0);
      const ts = (minute: number) => new Date(hour.getTime() + minute * 60_000).toISOString().replace('Z', '');
      const insert = (employee_id: number, activity_type: string, duration_seconds: number | null, minute: number) =>
        p.db
          .insertInto('employee_activities')
          .values({ employee_id, activity_type, duration_seconds, activity_timestamp: ts(minute) })
          .returning('id')
          .executeTakeFirstOrThrow();
      const a = await insert(7, 'explain_login', 10, 1);
      const b = await insert(7, 'explain_login', 20, 2);
      const c = await insert(7, 'explain_login', null, 3);
      await insert(8, 'explain_login', 5, 4); // another employee: not in the group
      await p.db.updateTable('employee_activities').set({ activity_type: 'explain_logout' }).where('id', '=', a.id).execute(); // moves out
      await p.db.updateTable('employee_activities').set({ duration_seconds: 25 }).where('id', '=', b.id).execute(); // an update in place
      await p.db.deleteFrom('employee_activities').where('id', '=', c.id).execute();
      expect((await settleAndVerify(p)).ok).toBe(true);

      const key = summaryKey(7, 'explain_login', hour.getTime() * 1000);
      const json = await runPipelineCli(p.env, ['explain', key, '--json']);
      expect(json.code).toBe(0);
      const report = JSON.parse(json.stdout) as ExplainJson;
      expect(report.contributions.map((x) => [x.rowKind, x.op, x.activityId, x.count, x.duration])).toEqual([
        ['+I', 'c', a.id, 1, 10],
        ['+I', 'c', b.id, 1, 20],
        ['+I', 'c', c.id, 1, null],
        ['-U', 'u', a.id, -1, -10],
        ['-U', 'u', b.id, -1, -20],
        ['+U', 'u', b.id, 1, 25],
        ['-D', 'd', c.id, -1, null],
      ]);
      expect(report.totals).toEqual({ count: 1, durationCount: 1, totalDuration: 25 });
      expect(report.summary).toMatchObject({ activity_count: 1, total_duration: 25 });
      expect(report).toMatchObject({ addsUp: true, rows: [b.id], sql: { sameRows: true } });
      // Each change carries where it came from: LSN, transaction, commit time, and rising processed offsets.
      for (const x of report.contributions)
        expect([x.sourceLsn, x.sourceTxId, x.committedAt]).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
      const offsets = report.contributions.map((x) => BigInt(x.offset));
      expect(offsets).toEqual([...offsets].sort((x, y) => (x < y ? -1 : 1)));

      const text = await runPipelineCli(p.env, ['explain', key]);
      process.stderr.write(`[npm run pipeline -- explain]\n${text.stdout}\n`);
      expect(text.stdout).toContain('adds up to count 1, durations 1, sum 25: ✓ the value shown');
      expect(text.stdout).toContain(`rows left: ${b.id}; SQL has ${b.id}: ✓ the same rows`);
      expect(text.stdout).toContain("WHERE employee_id = 7 AND activity_type = 'explain_login'");

      const bad = await runPipelineCli(p.env, ['explain', '7|explain_login|yesterday']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('is not a summary key');
    } finally {
      await Promise.all([processor.kill(), aggregator.kill()]);
      await p.dispose();
    }
  }, 300_000);
});
