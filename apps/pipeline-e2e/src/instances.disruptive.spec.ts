import { createTestPipeline, describeOnStack, startApp, type AppProcess } from '@eap/testing';
import { runActivityWorkload } from './activity-workload.js';
import { expectExactPipeline } from './summary-checks.js';

const events = (app: AppProcess, event: string) =>
  app.lines.filter((l) => l.includes(`"event":"${event}"`)).map((l) => JSON.parse(l) as Record<string, unknown>);

describeOnStack(
  'several instances of each app in one group (disruptive: runs last)',
  (stack) => {
    it('two processors and two aggregators share the work, keep what they keep across a join, survive SIGKILLs, and stay exact', async () => {
      const p = await createTestPipeline(stack, 'inst');
      const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
      const start = (app: string, id: string) => startApp(app, { ...env, PIPELINE_INSTANCE_ID: id });
      const apps: AppProcess[] = [];
      const processors = [start('enrichment-processor', 'proc-1'), start('enrichment-processor', 'proc-2')];
      const aggregators = [start('summary-aggregator', 'agg-1')];
      apps.push(...processors, ...aggregators);
      try {
        await aggregators[0]!.waitForEvent('aggregator.started');
        const counts = await runActivityWorkload(p, {
          seed: 7014,
          transactions: 60,
          pauseMs: 60,
          between: async (t) => {
            if (t === 15) {
              // agg-1 holds all three partitions with state by now; agg-2 joining takes some of them.
              await aggregators[0]!.waitForEvent('aggregator.restored', 60_000);
              const agg2 = start('summary-aggregator', 'agg-2');
              aggregators.push(agg2);
              apps.push(agg2);
              await agg2.waitForEvent('eos.joined', 60_000);
            }
            if (t === 30) await processors[0]!.kill('SIGKILL');
            if (t === 42) await aggregators[0]!.kill('SIGKILL');
          },
        });
        process.stderr.write(`[workload] ${JSON.stringify(counts)}\n`);
        await expectExactPipeline(stack, p, counts);
        // agg-1 kept the partitions it kept when agg-2 joined: no second restore of those, and it said so.
        const [agg1, agg2] = aggregators;
        const kept = events(agg1!, 'eos.kept').map((e) => e['partition']);
        const released = events(agg1!, 'eos.released').map((e) => e['partition']);
        process.stderr.write(`[agg-1] kept ${kept.join(',')} released ${released.join(',')}; restores ${events(agg1!, 'aggregator.restored').length}\n`);
        expect(kept.length).toBeGreaterThan(0);
        expect(released.length).toBeGreaterThan(0);
        expect(events(agg1!, 'aggregator.restored').length).toBe(3);
        // Each log line names its instance.
        expect(events(agg2!, 'aggregator.started')[0]).toMatchObject({ instance: 'agg-2' });
      } finally {
        await Promise.all(apps.map((a) => a.kill()));
        await p.dispose();
      }
    }, 600_000);

    it('refuses an aggregator whose window settings differ from a live member’s, naming both values', async () => {
      const p = await createTestPipeline(stack, 'instcfg');
      const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
      const processor = startApp('enrichment-processor', env);
      const first = startApp('summary-aggregator', { ...env, PIPELINE_INSTANCE_ID: 'agg-a' });
      let other: AppProcess | undefined;
      try {
        await first.waitForEvent('aggregator.started');
        await runActivityWorkload(p, { seed: 7015, transactions: 15, pauseMs: 40 });
        await first.waitForEvent('aggregator.restored', 60_000);
        other = startApp('summary-aggregator', { ...env, PIPELINE_INSTANCE_ID: 'agg-b', WINDOW_GRACE_SECONDS: '5' });
        await other.waitForEvent('eos.joined', 60_000);
        let stopped = false;
        const exit = other.exited.finally(() => (stopped = true));
        // Records must arrive on a partition agg-b got for it to look at the partition's state.
        for (let seed = 7016; !stopped && seed < 7030; seed++) await runActivityWorkload(p, { seed, transactions: 5, pauseMs: 100 });
        expect(await exit).toBe(1);
        const text = other.lines.join('\n');
        expect(text).toContain('WINDOW_GRACE_SECONDS is 60 on agg-a and 5 here');
        expect(first.child.exitCode).toBeNull();
      } finally {
        await other?.kill();
        await first.kill();
        await processor.kill();
        await p.dispose();
      }
    }, 300_000);
  },
  { only: 'embedded' },
);
