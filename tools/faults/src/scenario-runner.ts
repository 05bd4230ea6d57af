import { formatVerifyReport, restartSnapshotCleanly, verifyOptionsFromEnv, verifySummaries, type VerifyResult } from '@eap/pipeline-ops';
import type { StackController } from '@eap/stack';
import { createTestPipeline, type TestPipeline, type TestStack } from '@eap/testing';
import { defaultGroupIds, pipelineNamesEnv } from '@eap/pipeline-config';
import { createSeededRandom } from '@eap/activity-traffic';
import { sql } from '@eap/pg-io';
import { createTopicAdmin } from '@eap/kafka-io';
import { createAppFleet, type FleetApp } from './app-fleet.js';
import { injectFaults } from './fault-injectors.js';
import { passed, type FaultOutcome } from './fault-outcome.js';
import type { FaultScenario } from './fault-plan.js';
import { startLoad } from './load-driver.js';
import { watchCommitFlow, type CommitFlow } from './commit-flow.js';
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

/** Change events on the activities topic now (records, transaction markers aside: near enough for a progress line). */
const capturedRows = async (stack: TestStack, p: TestPipeline): Promise<number> => {
  const admin = await createTopicAdmin({ brokers: stack.connection.kafkaBrokers, clientId: 'faults-snapshot-progress' });
  try {
    return Number([...(await admin.endOffsets(p.topics.activities)).values()].reduce((n, o) => n + o, 0n));
  } catch {
    return 0; // not created yet: nothing captured
  } finally {
    await admin.close();
  }
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
  const faults: { readonly began: number; readonly effective: number }[] = [];
  let flow: CommitFlow | undefined;
  let outcome: FaultOutcome | undefined;
  try {
    const random = createSeededRandom(seed).next;
    let written = () => 0;
    const context = {
      scenario,
      fleet,
      stack: controller,
      brokers,
      random,
      intervalMs: ((scenario.changes / scenario.rate) * 1000) / (scenario.count + 1),
      fault: async (what: string, step: () => Promise<void>) => {
        const began = Date.now();
        log(`  ${new Date(began).toISOString().slice(11, 19)} ${what} (${written().toLocaleString('en-US')} changes written)`);
        await step();
        faults.push({ began, effective: Date.now() });
      },
      reconnect: () => p.reconnect(),
      cleanSnapshot: () =>
        restartSnapshotCleanly({
          connectUrl: stack.connection.connectUrl,
          connector: p.names.connector,
          slot: p.names.slot,
          pg: stack.pg('postgres'),
          log: (line) => log(`  ${line}`),
        }),
      log,
    };
    // A fault during the initial snapshot strikes as soon as the connector exists, before the apps start.
    const duringSnapshot = scenario.kind === 'connect-sigkill-snapshot';
    let injected = duringSnapshot ? await injectFaults(context) : 0;
    if (duringSnapshot) log(`  the snapshot had written ${await capturedRows(stack, p)} of ${snapshotRows} rows when Connect was killed`);
    for (let i = 0; i < scenario.instances; i++) await Promise.all(APPS.map((app) => fleet.start(app)));
    const groups = defaultGroupIds(p.names);
    flow = watchCommitFlow({
      brokers: stack.connection.kafkaBrokers,
      groups: [
        { groupId: groups.processor, topic: p.topics.activities },
        { groupId: groups.aggregator, topic: p.names.processedTopic },
      ],
    });
    const load = await startLoad({ db: () => p.db, rate: scenario.rate, seed });
    written = load.written;
    if (!duringSnapshot) injected = await injectFaults(context);
    // The load goes on until it wrote its changes and for a while after the last fault (its recovery is measured on it).
    await sleep(5_000);
    while (load.written() < scenario.changes) await sleep(200);
    const totals = await load.stop();
    const changes = totals.rows.insert + totals.rows.update + totals.rows.delete + (snapshotRows ?? 0);
    log(`  load done: ${changes.toLocaleString('en-US')} changes (${totals.errors} rows in failed transactions, not counted); verifying`);
    const result = await settle(p, 300_000, log);
    const arrivals = flow.arrivals();
    const recoveries = faults.map((f) => recoveryMs(arrivals, f)).filter((r): r is number => r !== null);
    outcome = {
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
    if (!passed(outcome)) log(`${formatVerifyReport(result)}`);
    return outcome;
  } catch (e) {
    outcome = { ...base, seconds: (performance.now() - started) / 1000, error: (e as Error).message.split('\n')[0]!, notes: fleet.unexpectedExits };
    return outcome;
  } finally {
    await flow?.stop();
    await fleet.stopAll();
    if (outcome && passed(outcome)) await p.dispose().catch((e: Error) => log(`  could not remove the scenario's pipeline: ${e.message}`));
    else {
      // Kept for a look: its apps are stopped, its data stays until npm run stack -- reset.
      const env = Object.entries(pipelineNamesEnv(p.names))
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      log(`  kept the scenario's pipeline for a look: ${env} npm run pipeline -- verify | status | tail <topic>`);
      await p.db.destroy().catch(() => undefined);
    }
  }
};
