import { createTestPipeline, describeOnStack, startApp } from '@eap/testing';
import { runPipelineCli } from './pipeline-cli-runner.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const row = () => ({ employee_id: 1, activity_type: 'lag_probe', duration_seconds: 3, activity_timestamp: new Date().toISOString().replace('Z', '') });

interface StatusJson {
  readonly postgres: { readonly slot: { readonly active: boolean; readonly unconfirmedBytes: number; readonly lagSeconds: number | null } | null };
  readonly groups: readonly {
    readonly app: string;
    readonly lag: string;
    readonly lagSeconds: number | null;
    readonly partitions: readonly { lagSeconds: number | null }[];
  }[];
}

describeOnStack('lag in seconds', (stack) => {
  it('grows while the processor is stopped, falls to 0 once it runs again; the capture lag and the app gauge are reported', async () => {
    const p = await createTestPipeline(stack, 'lagsec');
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
    const status = async (): Promise<StatusJson> => {
      const r = await runPipelineCli(p.env, ['status', '--json']);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as StatusJson;
    };
    const processorGroup = (s: StatusJson) => s.groups.find((g) => g.app === 'enrichment-processor')!;
    let processor = startApp('enrichment-processor', env);
    try {
      await processor.waitForEvent('processor.started');
      await p.db.insertInto('employee_activities').values(row()).execute();
      let s = await status();
      for (let i = 0; i < 30 && !(processorGroup(s).lag === '0' && Number(processorGroup(s).partitions.length) > 0); i++) s = await sleep(1_000).then(status);
      expect(processorGroup(s)).toMatchObject({ lag: '0', lagSeconds: 0 });
      expect(s.postgres.slot).toMatchObject({ active: true });
      expect(s.postgres.slot?.lagSeconds).toEqual(expect.any(Number));

      // Stopped: rows keep coming, and the oldest one not processed gets older with each look.
      await processor.kill('SIGTERM');
      await p.db.insertInto('employee_activities').values([row(), row()]).execute();
      await sleep(4_000);
      const first = processorGroup(await status());
      await sleep(3_000);
      const second = processorGroup(await status());
      process.stderr.write(`[stopped] lag ${first.lag} (${first.lagSeconds} s), then ${second.lag} (${second.lagSeconds} s)\n`);
      expect(Number(first.lag)).toBeGreaterThanOrEqual(2);
      expect(first.lagSeconds).toBeGreaterThan(3);
      expect(second.lagSeconds).toBeGreaterThan(first.lagSeconds! + 2);
      const text = await runPipelineCli(p.env, ['status']);
      expect(text.stdout).toMatch(/enrichment-processor\): Empty, 0 member\(s\), lag \d+ \(\d+(\.\d)? s\)/);

      // Started again: it catches up, and the lag in seconds with it.
      processor = startApp('enrichment-processor', env);
      const started = await processor.waitForEvent('processor.started');
      let after = processorGroup(await status());
      for (let i = 0; i < 30 && after.lagSeconds !== 0; i++) after = processorGroup(await sleep(1_000).then(status));
      expect(after).toMatchObject({ lag: '0', lagSeconds: 0 });
      // Its own gauge, per partition, at its last commit.
      const health = String(started['health']).replace('/healthz', '/metrics');
      const metrics = await (await fetch(health)).text();
      expect(metrics).toMatch(/enrichment_consumer_lag_seconds\{partition="0"\} \d/);
    } finally {
      await processor.kill();
      await p.dispose();
    }
  }, 300_000);
});
