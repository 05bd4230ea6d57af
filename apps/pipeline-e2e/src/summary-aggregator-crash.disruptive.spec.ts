import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@eap/stack';
import { createTestPipeline, describeOnStack, startApp, type AppProcess } from '@eap/testing';
import { runActivityWorkload } from './activity-workload.js';
import { runStackCli } from './stack-cli.js';
import { expectExactPipeline } from './summary-checks.js';

describeOnStack(
  'summary aggregator through crashes (disruptive: runs last)',
  (stack) => {
    it('stays equal to SQL, with revisions never going backwards, while it is SIGKILLed again and again and Connect is killed and restarted', async () => {
      const p = await createTestPipeline(stack, 'aggkill');
      const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'warn' };
      const processor = startApp('enrichment-processor', env);
      const aggregators: AppProcess[] = [startApp('summary-aggregator', { ...env, LOG_LEVEL: 'info' })];
      const current = () => aggregators[aggregators.length - 1]!;
      try {
        await current().waitForEvent('aggregator.started');
        const counts = await runActivityWorkload(p, {
          seed: 6002,
          transactions: 70,
          pauseMs: 60,
          between: async (t) => {
            if (t > 0 && t % 12 === 0) {
              // Only an aggregator that took its partitions over (and so restored them) holds state worth losing.
              await current().waitForEvent('aggregator.restored', 60_000);
              await new Promise((r) => setTimeout(r, 150 * (t / 12)));
              await current().kill('SIGKILL');
              aggregators.push(startApp('summary-aggregator', { ...env, LOG_LEVEL: 'info' }));
            }
            if (t === 30) {
              process.kill(Number(readFileSync(join(findRepoRoot(), '.stack', 'run', 'connect.pid'), 'utf8')), 'SIGKILL');
              expect(runStackCli(['up']).code).toBe(0);
            }
          },
        });
        process.stderr.write(`[workload] ${JSON.stringify(counts)}; aggregator started ${aggregators.length} times\n`);

        await expectExactPipeline(stack, p, counts);
        const restores = aggregators.flatMap((a) =>
          a.lines.filter((l) => l.includes('"event":"aggregator.restored"')).map((l) => JSON.parse(l) as { groups: number }),
        );
        process.stderr.write(`[restores] ${restores.map((r) => r.groups).join(', ')} groups\n`);
        expect(restores.some((r) => r.groups > 0)).toBe(true);
      } finally {
        await Promise.all(aggregators.map((a) => a.kill()));
        await processor.kill();
        await p.dispose();
      }
    }, 600_000);
  },
  { only: 'embedded' },
);
