import type { FaultScenario } from './fault-plan.js';

/** One scenario's row of the table. */
export interface FaultOutcome {
  readonly scenario: FaultScenario;
  /** Faults actually injected. */
  readonly injected: number;
  /** Source rows written (inserted, updated, deleted) by the load. */
  readonly changes: number;
  readonly groups: number;
  readonly missing: number;
  readonly extra: number;
  readonly mismatched: number;
  /** Changes the processed topic holds more than once. */
  readonly duplicated: number;
  /** Longest fault -> outputs flowing again; null when it could not be measured. */
  readonly longestRecoveryMs: number | null;
  readonly seconds: number;
  /** What happened on the way that did not fail it (an instance that stopped for good and was restarted). */
  readonly notes?: readonly string[];
  /** Why it failed beyond the counts (a step that did not complete), if it did. */
  readonly error?: string;
}

export const passed = (o: FaultOutcome): boolean =>
  o.error === undefined && o.missing === 0 && o.extra === 0 && o.mismatched === 0 && o.duplicated === 0 && o.groups > 0 && o.injected >= 1;

const fmt = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number | null) => (ms === null ? 'n/a' : ms === Infinity ? 'never' : `${(ms / 1000).toFixed(1)} s`);

/** The table `npm run faults` prints: one row per scenario, then the verdict. */
export const formatFaultTable = (outcomes: readonly FaultOutcome[]): string => {
  const header = ['fault', 'count', 'changes', 'groups', 'missing', 'extra', 'mismatched', 'duplicated', 'longest recovery', 'result'];
  const rows = outcomes.map((o) => [
    o.scenario.title,
    fmt(o.injected),
    fmt(o.changes),
    fmt(o.groups),
    fmt(o.missing),
    fmt(o.extra),
    fmt(o.mismatched),
    fmt(o.duplicated),
    seconds(o.longestRecoveryMs),
    passed(o) ? '✓' : '✗',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const failures = outcomes.filter((o) => o.error).map((o) => `  ✗ ${o.scenario.title}: ${o.error}`);
  const notes = outcomes.flatMap((o) => (o.notes ?? []).map((n) => `  note, ${o.scenario.title}: ${n}`));
  const total = outcomes.reduce((n, o) => n + o.injected, 0);
  const verdict = outcomes.every(passed)
    ? `✓ ${fmt(total)} faults, ${fmt(outcomes.reduce((n, o) => n + o.changes, 0))} changes: every summary equals SQL, no change written twice`
    : `✗ ${outcomes.filter((o) => !passed(o)).length} of ${outcomes.length} scenarios differ`;
  return [line(header), ...rows.map(line), ...failures, ...notes, '', verdict].join('\n');
};
