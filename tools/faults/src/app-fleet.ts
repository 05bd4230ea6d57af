import { startApp, type AppProcess } from '@eap/testing';

export type FleetApp = 'enrichment-processor' | 'summary-aggregator';

const SHORT: Readonly<Record<FleetApp, string>> = { 'enrichment-processor': 'processor', 'summary-aggregator': 'aggregator' };
const STARTED: Readonly<Record<FleetApp, string>> = { 'enrichment-processor': 'processor.started', 'summary-aggregator': 'aggregator.started' };

interface Instance {
  readonly app: FleetApp;
  readonly id: string;
  process: AppProcess;
  /** Set while we stop it on purpose: its exit is not a crash to restart. */
  stopping: boolean;
}

export interface AppFleet {
  /** Starts an instance (`processor-3`, ...) and resolves with its id once it consumes. */
  start(app: FleetApp, id?: string): Promise<string>;
  /** Starts an instance without waiting for it (a supervisor's restart after a crash). */
  launch(app: FleetApp, id: string): void;
  /** Ends an instance: SIGKILL (a crash) or SIGTERM (a clean stop). */
  stop(id: string, signal: NodeJS.Signals): Promise<void>;
  /** Stops an instance and starts it again under the same id. */
  restart(id: string, signal: NodeJS.Signals): Promise<void>;
  ids(app?: FleetApp): readonly string[];
  /** Exits we did not cause (an instance that stopped for good and was restarted, as a supervisor does). */
  readonly unexpectedExits: readonly string[];
  stopAll(): Promise<void>;
}

/**
 * The app instances of one scenario, as a supervisor runs them: each its own process with its own
 * instance id and any free health port; an instance that exits by itself (it must not go on, for
 * example fenced for good) is started again after 2 s.
 */
export const createAppFleet = (env: Readonly<Record<string, string>>, log: (line: string) => void): AppFleet => {
  const instances = new Map<string, Instance>();
  const unexpectedExits: string[] = [];
  const counters: Record<FleetApp, number> = { 'enrichment-processor': 0, 'summary-aggregator': 0 };
  let closing = false;
  // Should this process end abruptly, its app instances end with it rather than run on unsupervised.
  const orphans = () => instances.forEach((i) => i.process.child.kill('SIGKILL'));
  process.once('exit', orphans);

  const launch = (app: FleetApp, id: string): AppProcess => {
    const process = startApp(app, { ...env, PIPELINE_INSTANCE_ID: id, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
    void process.exited.then((code) => {
      const instance = instances.get(id);
      if (!instance || instance.process !== process || instance.stopping || closing) return;
      const reason = [...process.lines].reverse().find((l) => l.includes('"level":"error"')) ?? process.lines.slice(-3).join(' | ');
      unexpectedExits.push(`${id} exited ${code}: ${reason.slice(0, 500)}`);
      log(`  ${id} exited by itself (${code}); starting it again in 2 s`);
      setTimeout(() => {
        if (!closing && instances.get(id) === instance) instance.process = launch(app, id);
      }, 2_000);
    });
    return process;
  };

  const fleet: AppFleet = {
    async start(app, id = `${SHORT[app]}-${++counters[app]}`) {
      const instance: Instance = { app, id, process: launch(app, id), stopping: false };
      instances.set(id, instance);
      await instance.process.waitForEvent(STARTED[app], 180_000);
      return id;
    },
    launch(app, id) {
      instances.set(id, { app, id, process: launch(app, id), stopping: false });
    },
    async stop(id, signal) {
      const instance = instances.get(id);
      if (!instance) throw new Error(`no instance ${id}`);
      instance.stopping = true;
      await instance.process.kill(signal);
      instances.delete(id);
    },
    async restart(id, signal) {
      const instance = instances.get(id);
      if (!instance) throw new Error(`no instance ${id}`);
      await fleet.stop(id, signal);
      await fleet.start(instance.app, id);
    },
    ids: (app) => [...instances.values()].filter((i) => !app || i.app === app).map((i) => i.id),
    unexpectedExits,
    async stopAll() {
      closing = true;
      process.off('exit', orphans);
      await Promise.all([...instances.values()].map((i) => i.process.kill('SIGTERM')));
      instances.clear();
    },
  };
  return fleet;
};
