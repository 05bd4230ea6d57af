import { alertChanges, formatAlertChanges } from './alert-changes.js';
import type { DoctorFinding } from './doctor-rules.js';

const f = (check: string, severity: DoctorFinding['severity'], message = `${check} ${severity}`, fix?: string): DoctorFinding => ({
  check,
  severity,
  message,
  ...(fix ? { fix } : {}),
});

describe('alertChanges', () => {
  it('raises new alerts, says a change of severity, clears fixed ones, and is quiet about the rest', () => {
    const previous = [f('kafka', 'ok'), f('lag:a', 'warn'), f('dlq', 'warn'), f('slot', 'fail')];
    const current = [f('kafka', 'fail'), f('lag:a', 'fail'), f('dlq', 'warn', 'dlq 5 records'), f('slot', 'ok', 'slot fine')];
    expect(alertChanges(previous, current)).toEqual([
      { kind: 'raised', finding: current[0] },
      { kind: 'changed', finding: current[1], was: 'warn' },
      { kind: 'cleared', finding: current[3], was: previous[3] },
    ]);
  });

  it('clears an alert whose check is no longer made', () => {
    expect(alertChanges([f('lag-seconds:a', 'warn')], [f('kafka', 'fail')]).map((c) => [c.kind, c.finding.check])).toEqual([
      ['raised', 'kafka'],
      ['cleared', 'lag-seconds:a'],
    ]);
  });

  it('prints each change stamped, with its fix', () => {
    const text = formatAlertChanges(
      alertChanges([f('dlq:arriving', 'warn', '2 new')], [f('lag:a', 'warn', 'a is behind', 'start it'), f('dlq:arriving', 'ok', 'none new')]),
      Date.parse('2026-12-02T10:12:03Z'),
    );
    expect(text.split('\n')).toEqual([
      '10:12:03 ! RAISED lag:a: a is behind',
      '         fix: start it',
      '10:12:03 ✓ CLEARED dlq:arriving: none new (was: 2 new)',
    ]);
  });
});
