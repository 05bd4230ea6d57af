import type { DoctorFinding, FindingSeverity } from './doctor-rules.js';

/** One alert that appeared, changed severity or cleared between two looks. */
export type AlertChange =
  | { readonly kind: 'raised'; readonly finding: DoctorFinding }
  | { readonly kind: 'changed'; readonly finding: DoctorFinding; readonly was: FindingSeverity }
  | { readonly kind: 'cleared'; readonly finding: DoctorFinding; readonly was: DoctorFinding };

const RANK: Readonly<Record<FindingSeverity, number>> = { ok: 0, warn: 1, fail: 2 };

/**
 * What `doctor --watch` prints: alerts (non-ok findings, by check) raised since the previous look, those
 * whose severity changed, and those cleared. A check that is still raised with the same severity says
 * nothing (its message, a count or a lag, changes every look).
 */
export const alertChanges = (previous: readonly DoctorFinding[], current: readonly DoctorFinding[]): readonly AlertChange[] => {
  const before = new Map(previous.filter((f) => f.severity !== 'ok').map((f) => [f.check, f]));
  const changes: AlertChange[] = [];
  for (const f of current) {
    const was = before.get(f.check);
    before.delete(f.check);
    if (f.severity === 'ok') {
      if (was) changes.push({ kind: 'cleared', finding: f, was });
    } else if (!was) changes.push({ kind: 'raised', finding: f });
    else if (RANK[was.severity] !== RANK[f.severity]) changes.push({ kind: 'changed', finding: f, was: was.severity });
  }
  // A check that is no longer made (a part went down and its checks with it) is cleared as unknown.
  for (const was of before.values()) changes.push({ kind: 'cleared', finding: { check: was.check, severity: 'ok', message: 'no longer checked' }, was });
  return changes;
};

const MARK = { ok: '✓', warn: '!', fail: '✗' } as const;

/** One line per change, stamped: `10:12:03 ✗ RAISED lag-seconds:summary-aggregator ...` and the fix under it. */
export const formatAlertChanges = (changes: readonly AlertChange[], at: number): string =>
  changes
    .flatMap((c) => {
      const time = new Date(at).toISOString().slice(11, 19);
      const f = c.finding;
      if (c.kind === 'cleared') return [`${time} ✓ CLEARED ${f.check}: ${f.message} (was: ${c.was.message})`];
      const head = `${time} ${MARK[f.severity]} ${c.kind === 'raised' ? 'RAISED' : `${c.was.toUpperCase()} -> ${f.severity.toUpperCase()}`} ${f.check}: ${f.message}`;
      return f.fix ? [head, `         fix: ${f.fix}`] : [head];
    })
    .join('\n');
