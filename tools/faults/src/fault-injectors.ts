import type { StackController } from '@eap/stack';
import type { AppFleet, FleetApp } from './app-fleet.js';
import type { FaultKind, FaultScenario } from './fault-plan.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const APPS: readonly FleetApp[] = ['enrichment-processor', 'summary-aggregator'];

/** What an injector acts on, and where it notes each fault's moment. */
export interface InjectionContext {
  readonly scenario: FaultScenario;
  readonly fleet: AppFleet;
  readonly stack: StackController;
  readonly brokers: number;
  /** Seeded, so a failing run can be replayed. */
  readonly random: () => number;
  /** Milliseconds between faults: the load's duration spread over the count. */
  readonly intervalMs: number;
  /**
   * Runs the fault's disruptive step (a kill, a stop) and notes when it began and when it took effect:
   * the recovery is measured from the beginning to the first commit after the effect.
   */
  readonly fault: (what: string, step: () => Promise<void>) => Promise<void>;
  /** After PostgreSQL came back: pooled connections of the tool are stale. */
  readonly reconnect: () => Promise<void>;
  /** The repair after Connect died during a snapshot: `npm run pipeline -- resnapshot --clean`. */
  readonly cleanSnapshot: () => Promise<void>;
  readonly log: (line: string) => void;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const brokerName = (c: InjectionContext) => (c.brokers === 1 ? 'kafka' : `kafka-${1 + Math.floor(c.random() * c.brokers)}`);

/** Each fault, injected `count` times `intervalMs` apart (after a first interval of normal running). */
const injectors: Readonly<Record<FaultKind, (c: InjectionContext, i: number) => Promise<void>>> = {
  async 'app-sigkill'(c) {
    const id = pick(c.random, c.fleet.ids());
    await c.fault(`SIGKILL ${id}`, () => c.fleet.stop(id, 'SIGKILL'));
    await sleep(300 + c.random() * 1_200);
    // Restarted as a supervisor would, without waiting for it: the next kill may well hit it while it starts.
    c.fleet.launch(id.startsWith('processor') ? 'enrichment-processor' : 'summary-aggregator', id);
  },
  async 'rolling-restart'(c, i) {
    const ids = [...c.fleet.ids()].sort();
    const id = ids[i % ids.length]!;
    const app = id.startsWith('processor') ? 'enrichment-processor' : 'summary-aggregator';
    await c.fault(`restart ${id}`, () => c.fleet.stop(id, 'SIGTERM'));
    await c.fleet.start(app, id);
  },
  async 'scale-out-in'(c, i) {
    // 1 -> 2 -> 3 -> 2 -> 1 of each app: out twice, then in twice.
    if (i < 2) {
      await c.fault(`scale out to ${i + 2} of each`, async () => void (await Promise.all(APPS.map((app) => c.fleet.start(app)))));
    } else {
      await c.fault(
        `scale in to ${3 - (i - 1)} of each`,
        async () => void (await Promise.all(APPS.map((app) => c.fleet.stop(c.fleet.ids(app).at(-1)!, 'SIGTERM')))),
      );
    }
  },
  async 'connect-sigkill'(c) {
    await c.fault('SIGKILL connect', async () => void (await c.stack.kill('connect')));
    await sleep(1_000);
    await c.stack.restart('connect');
  },
  async 'connect-sigkill-snapshot'(c) {
    await c.fault('SIGKILL connect during the snapshot', async () => void (await c.stack.kill('connect')));
    await sleep(1_000);
    await c.stack.restart('connect');
    // Debezium starts the snapshot over on the slot the first attempt created, and such a snapshot reads
    // later than the position it streams from (docs/guarantees.md): the operator's repair, as documented.
    await sleep(5_000);
    c.log('  repairing as documented: npm run pipeline -- resnapshot --clean');
    await c.cleanSnapshot();
  },
  async 'postgres-immediate'(c) {
    await c.fault('PostgreSQL immediate shutdown', async () => void (await c.stack.kill('postgres')));
    await sleep(2_000);
    await c.stack.restart('postgres');
    await c.reconnect();
  },
  async 'broker-sigkill'(c) {
    const broker = brokerName(c);
    await c.fault(`SIGKILL ${broker}`, async () => void (await c.stack.kill(broker)));
    await sleep(3_000);
    await c.stack.restart(broker);
  },
  async 'broker-stopped'(c) {
    const broker = brokerName(c);
    const name = [...c.stack.components.keys()].find((n) => n === broker)!;
    await c.fault(`stop ${broker} for ${c.scenario.downSeconds ?? 30} s`, async () => void (await c.stack.components.get(name)!.stop()));
    await sleep((c.scenario.downSeconds ?? 30) * 1_000);
    await c.stack.restart(broker);
  },
};

/** Injects the scenario's faults while the load runs; resolves with how many it injected. */
export const injectFaults = async (c: InjectionContext): Promise<number> => {
  const { kind, count } = c.scenario;
  // The snapshot is under way as soon as the connector exists: strike early.
  const first = kind === 'connect-sigkill-snapshot' ? 500 : c.intervalMs;
  const started = Date.now();
  let injected = 0;
  let lastDone = started;
  for (let i = 0; i < count; i++) {
    // On a schedule from the start, but never sooner than half an interval after the last fault's handling.
    await sleep(Math.max(0, started + first + i * c.intervalMs - Date.now(), i === 0 ? 0 : lastDone + c.intervalMs / 2 - Date.now()));
    await injectors[kind](c, i);
    injected += 1;
    lastDone = Date.now();
    c.log(`  fault ${injected}/${count} done`);
  }
  return injected;
};
