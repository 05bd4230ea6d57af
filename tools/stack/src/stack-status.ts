import type { ComponentName } from './stack-paths.js';

export type ComponentState = 'running' | 'started' | 'stopped' | 'unhealthy' | 'foreign' | 'failed' | 'skipped';

/** One row of `stack status` / `stack up`. */
export interface ComponentStatus {
  readonly component: ComponentName;
  readonly state: ComponentState;
  readonly address: string;
  readonly pid: number | null;
  readonly logFile: string;
  /** Seconds from start to healthy, for components this `up` started. */
  readonly healthySeconds: number | null;
  readonly detail: string;
}

const COLUMNS: readonly [string, (s: ComponentStatus) => string][] = [
  ['COMPONENT', (s) => s.component],
  ['STATE', (s) => s.state],
  ['ADDRESS', (s) => s.address],
  ['PID', (s) => (s.pid === null ? '-' : String(s.pid))],
  ['HEALTHY IN', (s) => (s.healthySeconds === null ? '-' : `${s.healthySeconds.toFixed(1)} s`)],
  ['LOG', (s) => s.logFile],
];

/** A plain-text table, one row per component, then each component's detail line. */
export const renderStatusTable = (rows: readonly ComponentStatus[]): string => {
  const cells = [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  const lines = cells.map((c) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  const details = rows.filter((r) => r.detail).map((r) => `  ${r.component}: ${r.detail}`);
  return [...lines, '', ...details].join('\n');
};
