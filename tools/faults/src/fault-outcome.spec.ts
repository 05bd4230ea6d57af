import { formatFaultTable, passed, type FaultOutcome } from './fault-outcome.js';
import { faultPlan } from './fault-plan.js';

const [kills, scale] = faultPlan({ short: true, brokers: 1 });
const ok: FaultOutcome = {
  scenario: kills!,
  injected: 6,
  changes: 9_000,
  groups: 420,
  missing: 0,
  extra: 0,
  mismatched: 0,
  duplicated: 0,
  longestRecoveryMs: 6_400,
  seconds: 70,
};

describe('the faults table', () => {
  it('passes only with no difference, no duplicate, something compared and every step done', () => {
    expect(passed(ok)).toBe(true);
    expect(passed({ ...ok, duplicated: 1 })).toBe(false);
    expect(passed({ ...ok, missing: 2 })).toBe(false);
    expect(passed({ ...ok, groups: 0 })).toBe(false);
    expect(passed({ ...ok, error: 'the stack did not come back' })).toBe(false);
  });

  it('prints a row per scenario, the failed steps and the verdict', () => {
    const text = formatFaultTable([ok, { ...ok, scenario: scale!, injected: 4, mismatched: 3, longestRecoveryMs: null, error: 'verify timed out' }]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^fault\s+count\s+changes\s+groups\s+missing\s+extra\s+mismatched\s+duplicated\s+longest recovery\s+result$/);
    expect(lines[1]).toMatch(/^SIGKILL of an app instance \(2 of each\)\s+6\s+9,000\s+420\s+0\s+0\s+0\s+0\s+6\.4 s\s+✓$/);
    expect(lines[2]).toMatch(/n\/a\s+✗$/);
    expect(text).toContain('✗ scaling 1 -> 3 -> 1 instances: verify timed out');
    expect(lines.at(-1)).toBe('✗ 1 of 2 scenarios differ');
    expect(formatFaultTable([ok]).split('\n').at(-1)).toBe('✓ 6 faults, 9,000 changes: every summary equals SQL, no change written twice');
  });
});
