import { migrateStreamingDb } from '@eap/pg-io';
import { startApp, type TestStack } from '@eap/testing';

export interface SimulatorRun {
  readonly target: number;
  readonly achieved: number;
  readonly rows: number;
  readonly transactions: number;
  readonly errors: number;
}

const DATABASE = 'bench_simulator';

/**
 * The activity simulator's achieved rate at each target, for `seconds` each, into a database of its
 * own (migrated like streaming_db, no connector on it), read from its last progress line.
 */
export const runSimulatorBench = async ({
  stack,
  targets,
  seconds,
  log,
}: {
  stack: TestStack;
  targets: readonly number[];
  seconds: number;
  log: (line: string) => void;
}): Promise<readonly SimulatorRun[]> => {
  await migrateStreamingDb(stack.pg(DATABASE));
  const runs: SimulatorRun[] = [];
  for (const target of targets) {
    log(`▸ simulator at ${target} rows/s for ${seconds} s`);
    const app = startApp('activity-simulator', { ...stack.appEnv, PIPELINE_DATABASE: DATABASE, SIMULATOR_HEALTH_PORT: '0', SIMULATOR_PROGRESS_SECONDS: '5' }, [
      '--rate',
      String(target),
      '--duration',
      `${seconds}s`,
    ]);
    const code = await app.exited;
    const last = [...app.lines].reverse().find((l) => l.includes('overall'));
    const m = last && /overall ([\d,]+)\).*inserts ([\d,]+)\s+updates ([\d,]+)\s+deletes ([\d,]+)\s+transactions ([\d,]+)\s+errors ([\d,]+)/.exec(last);
    if (code !== 0 || !m) throw new Error(`the simulator at ${target} rows/s exited ${code}; last lines:\n${app.lines.slice(-5).join('\n')}`);
    const n = (s: string) => Number(s.replace(/,/g, ''));
    runs.push({ target, achieved: n(m[1]!), rows: n(m[2]!) + n(m[3]!) + n(m[4]!), transactions: n(m[5]!), errors: n(m[6]!) });
  }
  return runs;
};
