import { verifyOptionsFromEnv, verifySummaries, type VerifyResult } from '@eap/pipeline-ops';
import type { StackController } from '@eap/stack';
import { createTestPipeline, type TestPipeline, type TestStack } from '@eap/testing';
import { createSeededRandom } from '@eap/activity-traffic';
import { sql } from '@eap/pg-io';
import { createAppFleet, type FleetApp } from './app-fleet.js';
import { injectFaults } from './fault-injectors.js';
import type { FaultOutcome } from './fault-outcome.js';
import type { FaultScenario } from './fault-plan.js';
import { startLoad } from './load-driver.js';
import { watchOutputFlow } from './output-flow.js';
import { recoveryMs } from './recovery-times.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const APPS: readonly FleetApp[] = ['enrichment-processor', 'summary-aggregator'];

export interface ScenarioContext {
  readonly stack: TestStack;
  readonly controller: StackController;
  readonly brokers: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

/** Rows in the table before the connector exists: its initial snapshot reads them. */
const seedSnapshotRows = async (p: Pick<TestPipeline, 'db'>, rows: number): Promise<void> => {
  await sql`INSERT INTO employee_activities (employee_id, activity_type, duration_seconds, activity_timestamp)
    SELECT e.ids[1 + g % array_length(e.ids, 1)], (ARRAY['page_view', 'click', 'search', 'login', 'download'])[1 + g % 5], g % 600,
      now() - make_interval(secs => g % 86400)
    FROM generate_series(1, ${rows}::int) g, (SELECT array_agg(id ORDER BY id) AS ids FROM employees) e`.execute(p.db);
};

/** Waits for a quiet moment at which verify passes (the aggregator read all its input); the last result either way. */
const settle = async (p: TestPipeline, timeoutMs: number, log: (line: string) => void): Promise<VerifyResult> => {
  const deadline = Date.now() + timeoutMs;
  let last: VerifyResult | undefined;
  for (;;) {
    try {
      last = await verifySummaries(verifyOptionsFromEnv(p.env, p.db));
      if ((last.ok && last.aggregator.lag === 0n) || Date.now() > deadline) return last;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      log(`  verify not possible yet: ${(e as Error).message}`);
    }
    await sleep(3_000);
  }
};

/**
 * One scenario on a pipeline of its own: its apps, the load, the faults, then `verify` (summaries
 * against SQL, changes written twice) once everything has caught up.
 */
export const runScenario = async (scenario: FaultScenario, { stack, controller, brokers, seed, log }: ScenarioContext): Promise<FaultOutcome> => {
  const started = performance.now();
  const base = { scenario, injected: 0, changes: 0, groups: 0, missing: 0, extra: 0, mismatched: 0, duplicated: 0, longestRecoveryMs: null };
  const snapshotRows = scenario.snapshotRows;
  const p = await createTestPipeline(stack, `faults_${scenario.kind.replace(/-/g, '_')}`, {
    beforeRegister: snapshotRows ? (db) => seedSnapshotRows({ db }, snapshotRows) : undefined,
  });
  const fleet = createAppFleet(p.env, log);
  const faults: number[] = [];
  let flow: Awaited<ReturnType<typeof watchOutputFlow>> | undefined;
  try {
    for (let i = 0; i < scenario.instances; i++) await Promise.all(APPS.map((app) => fleet.start(app)));
    flow = await watchOutputFlow({ kafka: { brokers: stack.connection.kafkaBrokers }, topics: [p.names.processedTopic, p.names.summariesTopic] });
    const load = await startLoad({ db: p.db, rate: scenario.rate, changes: scenario.changes, seed });
    let loadRunning = true;
    void load.finished.finally(() => (loadRunning = false));
    const random = createSeededRandom(seed).next;
    const injected = await injectFaults(
      {
        scenario,
        fleet,
        stack: controller,
        brokers,
        random,
        intervalMs: ((scenario.changes / scenario.rate) * 1000) / (scenario.count + 1),
        faulted: (what) => {
          faults.push(Date.now());
          log(`  ${new Date().toISOString().slice(11, 19)} ${what} (${load.written().toLocaleString('en-US')} changes written)`);
        },
        reconnect: () => p.reconnect(),
        log,
      },
      () => loadRunning,
    );
    const totals = await load.finished;
    const changes = totals.rows.insert + totals.rows.update + totals.rows.delete + (snapshotRows ?? 0);
    log(`  load done: ${changes.toLocaleString('en-US')} changes (${totals.errors} rows in failed transactions, not counted); verifying`);
    const result = await settle(p, 300_000, log);
    const arrivals = flow.arrivals();
    const recoveries = faults.map((t) => recoveryMs(arrivals, t)).filter((r): r is number => r !== null);
    return {
      ...base,
      injected,
      changes,
      groups: result.report.matched + result.report.mismatched.length + result.report.missing.length + result.report.extra.length,
      missing: result.report.missing.length,
      extra: result.report.extra.length,
      mismatched: result.report.mismatched.length,
      duplicated: result.duplicates.count,
      longestRecoveryMs: recoveries.length ? Math.max(...recoveries) : null,
      seconds: (performance.now() - started) / 1000,
      notes: fleet.unexpectedExits,
      ...(result.aggregator.lag === 0n ? {} : { error: `the aggregator still had ${result.aggregator.lag} input offsets to read after 300 s` }),
    };
  } catch (e) {
    return { ...base, seconds: (performance.now() - started) / 1000, error: (e as Error).message.split('\n')[0]! };
  } finally {
    await flow?.stop();
    await fleet.stopAll();
    await p.dispose().catch((e: Error) => log(`  could not remove the scenario's pipeline: ${e.message}`));
  }
};
