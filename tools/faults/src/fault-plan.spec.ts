import { faultPlan, parseFaultKinds } from './fault-plan.js';

describe('the fault plan', () => {
  it('meets the long run’s floor: at least 20 app kills in at least 50,000 changes, every fault kind once', () => {
    const plan = faultPlan({ short: false, brokers: 3 });
    const kills = plan.find((s) => s.kind === 'app-sigkill')!;
    expect(kills.count).toBeGreaterThanOrEqual(20);
    expect(kills.changes).toBeGreaterThanOrEqual(50_000);
    expect(plan.map((s) => s.kind)).toEqual([
      'app-sigkill',
      'rolling-restart',
      'scale-out-in',
      'connect-sigkill',
      'connect-sigkill-snapshot',
      'postgres-immediate',
      'broker-sigkill',
      'broker-stopped',
    ]);
    expect(plan.find((s) => s.kind === 'broker-sigkill')!.title).toBe('SIGKILL of one broker of three');
  });

  it('short: a subset with fewer changes; the broker named after the stack’s shape', () => {
    const plan = faultPlan({ short: true, brokers: 1 });
    expect(plan.map((s) => s.kind)).toEqual(['app-sigkill', 'scale-out-in', 'connect-sigkill', 'broker-sigkill']);
    expect(plan.reduce((n, s) => n + s.changes, 0)).toBeLessThan(30_000);
    expect(plan.at(-1)!.title).toBe('SIGKILL of the single broker');
  });

  it('--only picks kinds (short or long) and names an unknown one', () => {
    expect(faultPlan({ short: true, brokers: 1, only: ['postgres-immediate'] }).map((s) => s.kind)).toEqual(['postgres-immediate']);
    expect(parseFaultKinds('app-sigkill, broker-stopped')).toEqual({ kinds: ['app-sigkill', 'broker-stopped'] });
    expect(parseFaultKinds('app-sigkill,disk-full')).toEqual({ error: expect.stringContaining('unknown fault "disk-full"') });
  });
});
