/** The faults `npm run faults` injects, one scenario each on a pipeline of its own. */
export type FaultKind =
  | 'app-sigkill'
  | 'rolling-restart'
  | 'scale-out-in'
  | 'connect-sigkill'
  | 'connect-sigkill-snapshot'
  | 'postgres-immediate'
  | 'broker-sigkill'
  | 'broker-stopped';

export interface FaultScenario {
  readonly kind: FaultKind;
  /** The table's first column. */
  readonly title: string;
  /** How many times the fault is injected. */
  readonly count: number;
  /** Rows per second the load writes while the faults happen. */
  readonly rate: number;
  /** Rows the load writes in all (inserts, updates that move rows between groups, deletes). */
  readonly changes: number;
  /** Instances of each app at the start. */
  readonly instances: number;
  /** Rows in the table before the connector exists (its initial snapshot), for a fault during a snapshot. */
  readonly snapshotRows?: number;
  /** How long a stopped broker stays down, past the apps' session timeout (10 s). */
  readonly downSeconds?: number;
}

export interface FaultPlanOptions {
  readonly short: boolean;
  /** Brokers of the stack the faults run on: the broker faults differ between 1 and 3. */
  readonly brokers: number;
  /** Only these kinds (all when empty). */
  readonly only?: readonly FaultKind[];
  /** Load rate, rows per second. */
  readonly rate?: number;
}

export const FAULT_KINDS: readonly FaultKind[] = [
  'app-sigkill',
  'rolling-restart',
  'scale-out-in',
  'connect-sigkill',
  'connect-sigkill-snapshot',
  'postgres-immediate',
  'broker-sigkill',
  'broker-stopped',
];

/**
 * The long run (the figures in the README) and the short one (`--short`, part of `npm test`): the
 * same faults, the short one with fewer repeats and changes, and without the slowest scenarios.
 */
export const faultPlan = ({ short, brokers, only = [], rate = 250 }: FaultPlanOptions): readonly FaultScenario[] => {
  const one = brokers === 1;
  const broker = one ? 'the single broker' : 'one broker of three';
  const all: FaultScenario[] = [
    {
      kind: 'app-sigkill',
      title: 'SIGKILL of an app instance (2 of each)',
      count: short ? 6 : 24,
      rate,
      changes: short ? 9_000 : 60_000,
      instances: 2,
    },
    { kind: 'rolling-restart', title: 'rolling restart of all instances', count: 4, rate, changes: short ? 6_000 : 15_000, instances: 2 },
    { kind: 'scale-out-in', title: 'scaling 1 -> 3 -> 1 instances', count: 4, rate, changes: short ? 6_000 : 15_000, instances: 1 },
    { kind: 'connect-sigkill', title: 'SIGKILL of Kafka Connect', count: short ? 1 : 3, rate, changes: short ? 4_000 : 12_000, instances: 2 },
    {
      kind: 'connect-sigkill-snapshot',
      title: 'SIGKILL of Kafka Connect during its snapshot',
      count: 1,
      rate,
      changes: short ? 2_000 : 5_000,
      instances: 1,
      snapshotRows: short ? 20_000 : 60_000,
    },
    {
      kind: 'postgres-immediate',
      title: 'PostgreSQL immediate shutdown and restart',
      count: short ? 1 : 2,
      rate,
      changes: short ? 4_000 : 10_000,
      instances: 2,
    },
    { kind: 'broker-sigkill', title: `SIGKILL of ${broker}`, count: short ? 1 : 3, rate, changes: short ? 4_000 : 12_000, instances: 2 },
    {
      kind: 'broker-stopped',
      title: `${broker} stopped for 30 s (past the session timeout)`,
      count: 1,
      rate,
      changes: short ? 4_000 : 10_000,
      instances: 2,
      downSeconds: 30,
    },
  ];
  const inShort: readonly FaultKind[] = ['app-sigkill', 'scale-out-in', 'connect-sigkill', 'broker-sigkill'];
  return all.filter((s) => (only.length ? only.includes(s.kind) : !short || inShort.includes(s.kind)));
};

/** `--only app-sigkill,broker-sigkill`: each name checked against the kinds. */
export const parseFaultKinds = (text: string): { readonly kinds: readonly FaultKind[] } | { readonly error: string } => {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !FAULT_KINDS.includes(n as FaultKind));
  if (unknown.length) return { error: `unknown fault ${unknown.map((u) => `"${u}"`).join(', ')}; one of ${FAULT_KINDS.join(', ')}` };
  return { kinds: names as FaultKind[] };
};
