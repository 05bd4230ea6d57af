import { spawn } from 'node:child_process';
import { findRepoRoot } from '@eap/stack';
import { describeOnStack } from '@eap/testing';

/** `npm run faults -- --short` as a user runs it, its progress echoed; resolves with its exit code and output. */
const runFaults = (args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'faults', '--', ...args], { cwd: findRepoRoot(), env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      process.stderr.write(d);
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

describeOnStack(
  'npm run faults -- --short (disruptive: runs last)',
  () => {
    it('kills app instances, scales them, kills Connect and the broker under load: every summary equals SQL, no change twice', async () => {
      const { code, stdout, stderr } = await runFaults(['--short']);
      process.stderr.write(`${stdout}\n`);
      expect({ code, tail: stderr.split('\n').slice(-5).join('\n') }).toMatchObject({ code: 0 });
      const rows = stdout.split('\n').filter((l) => /\s[✓✗]$/.test(l));
      expect(rows).toHaveLength(4);
      for (const row of rows) expect(row).toMatch(/\s0\s+0\s+0\s+0\s+\S+ s\s+✓$/);
      expect(stdout).toMatch(/^✓ \d+ faults, [\d,]+ changes: every summary equals SQL, no change written twice$/m);
      // It ran on the test stack and left it as it was: up.
      expect(stderr).toContain('(on the running stack)');
      expect(stderr).not.toContain('stopping the stack');
    }, 1_500_000);
  },
  { only: 'embedded' },
);
