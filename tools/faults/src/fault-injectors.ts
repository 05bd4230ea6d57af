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
  /** Notes a fault at this moment (its recovery is measured from here). */
  readonly faulted: (what: string) => void;
  /** After PostgreSQL came back: pooled connections of the tool are stale. */
  readonly reconnect: () => Promise<void>;
  readonly log: (line: string) => void;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const brokerName = (c: InjectionContext) => (c.brokers === 1 ? 'kafka' : `kafka-${1 + Math.floor(c.random() * c.brokers)}`);

/** Each fault, injected `count` times `intervalMs` apart (after a first interval of normal running). */
const injectors: Readonly<Record<FaultKind, (c: InjectionContext, i: number) => Promise<void>>> = {
  async 'app-sigkill'(c) {
    const id = pick(c.random, c.fleet.ids());
    c.faulted(`SIGKILL ${id}`);
    await c.fleet.stop(id, 'SIGKILL');
    await sleep(300 + c.random() * 1_200);
    // Restarted as a supervisor would, without waiting for it: the next kill may well hit it while it starts.
    c.fleet.launch(id.startsWith('processor') ? 'enrichment-processor' : 'summary-aggregator', id);
  },
  async 'rolling-restart'(c, i) {
    const ids = [...c.fleet.ids()].sort();
    const id = ids[i % ids.length]!;
    c.faulted(`restart ${id}`);
    await c.fleet.restart(id, 'SIGTERM');
  },
  async 'scale-out-in'(c, i) {
    // 1 -> 2 -> 3 -> 2 -> 1 of each app: out twice, then in twice.
    if (i < 2) {
      c.faulted(`scale out to ${i + 2} of each`);
      await Promise.all(APPS.map((app) => c.fleet.start(app)));
    } else {
      c.faulted(`scale in to ${3 - (i - 1)} of each`);
      await Promise.all(APPS.map((app) => c.fleet.stop(c.fleet.ids(app).at(-1)!, 'SIGTERM')));
    }
  },
  async 'connect-sigkill'(c) {
    c.faulted('SIGKILL connect');
    await c.stack.kill('connect');
    await sleep(1_000);
    await c.stack.restart('connect');
  },
  async 'connect-sigkill-snapshot'(c) {
    c.faulted('SIGKILL connect during the snapshot');
    await c.stack.kill('connect');
    await sleep(1_000);
    await c.stack.restart('connect');
  },
  async 'postgres-immediate'(c) {
    c.faulted('PostgreSQL immediate shutdown');
    await c.stack.kill('postgres');
    await sleep(2_000);
    await c.stack.restart('postgres');
    await c.reconnect();
  },
  async 'broker-sigkill'(c) {
    const broker = brokerName(c);
    c.faulted(`SIGKILL ${broker}`);
    await c.stack.kill(broker);
    await sleep(3_000);
    await c.stack.restart(broker);
  },
  async 'broker-stopped'(c) {
    const broker = brokerName(c);
    const name = [...c.stack.components.keys()].find((n) => n === broker)!;
    c.faulted(`stop ${broker} for ${c.scenario.downSeconds ?? 30} s`);
    await c.stack.components.get(name)!.stop();
    await sleep((c.scenario.downSeconds ?? 30) * 1_000);
    await c.stack.restart(broker);
  },
};

/** Injects the scenario's faults while the load runs; resolves with how many it injected. */
export const injectFaults = async (c: InjectionContext, loadRunning: () => boolean): Promise<number> => {
  const { kind, count } = c.scenario;
  // The snapshot is under way as soon as the connector exists: strike early.
  const first = kind === 'connect-sigkill-snapshot' ? 1_500 : c.intervalMs;
  const started = Date.now();
  let injected = 0;
  for (let i = 0; i < count; i++) {
    // On a schedule from the start, whatever each fault's own handling took.
    await sleep(Math.max(0, started + first + i * c.intervalMs - Date.now()));
    if (!loadRunning() && kind !== 'connect-sigkill-snapshot') break;
    await injectors[kind](c, i);
    injected += 1;
    c.log(`  fault ${injected}/${count} done`);
  }
  return injected;
};
