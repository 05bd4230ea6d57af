import { spawn } from 'node:child_process';
import { findRepoRoot } from '@eap/stack';
import { createTestPipeline, describeOnStack, startApp } from '@eap/testing';

const row = (employee_id: number | null = 1) => ({
  employee_id,
  activity_type: 'watch_probe',
  duration_seconds: 3,
  activity_timestamp: new Date().toISOString().replace('Z', ''),
});

/** `npm run pipeline -- doctor --watch` as a user runs it; its output as it comes, and a wait for a line. */
const startWatch = (env: Readonly<Record<string, string>>) => {
  const child = spawn('npm', ['run', '--silent', 'pipeline', '--', 'doctor', '--watch'], {
    cwd: findRepoRoot(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  child.stdout.on('data', (d: Buffer) => void (text += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (text += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    get text() {
      return text;
    },
    async waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const m = pattern.exec(text);
        if (m) return m[0];
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`doctor --watch printed no ${pattern} within ${timeoutMs / 1000} s:\n${text}`);
    },
    async stop(): Promise<number | null> {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
      return exited;
    },
  };
};

describeOnStack('npm run pipeline -- doctor --watch', (stack) => {
  it('raises the lag in seconds of a stopped processor and dead letters arriving, each with its fix, and clears them', async () => {
    const p = await createTestPipeline(stack, 'watch');
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
    let processor = startApp('enrichment-processor', env);
    const watch = startWatch({ ...p.env, ALERT_LAG_SECONDS: '4', DOCTOR_WATCH_INTERVAL_SECONDS: '2', DOCTOR_WATCH_VERIFY_SECONDS: '0' });
    try {
      await processor.waitForEvent('processor.started');
      await watch.waitFor(/✓ no problems found|problem\(s\)|warning\(s\)/);

      // A row the processor cannot place (no employee) goes to the DLQ: an alert while such rows arrive.
      await p.db.insertInto('employee_activities').values(row(null)).execute();
      await watch.waitFor(/RAISED dlq:arriving: 1 new record\(s\) in \S+ in \d+ s: missing_employee 1\n\s+fix: read them/);
      await watch.waitFor(/CLEARED dlq:arriving/);

      // Stopped while rows come: its lag in seconds passes ALERT_LAG_SECONDS=4.
      await processor.kill('SIGTERM');
      await p.db.insertInto('employee_activities').values([row(), row()]).execute();
      const raised = await watch.waitFor(/✗ RAISED lag-seconds:enrichment-processor: [^\n]+\n\s+fix: [^\n]+/);
      expect(raised).toMatch(/enrichment-processor is \d+(\.\d)? s behind on \S+ \(2 records\), above ALERT_LAG_SECONDS=4/);
      expect(raised).toContain('fix: start it: npx nx serve enrichment-processor');

      processor = startApp('enrichment-processor', env);
      await processor.waitForEvent('processor.started');
      await watch.waitFor(/CLEARED lag-seconds:enrichment-processor/);
      process.stderr.write(`[npm run pipeline -- doctor --watch]\n${watch.text}\n`);
    } finally {
      await watch.stop();
      await processor.kill();
      await p.dispose();
    }
  }, 300_000);
});
