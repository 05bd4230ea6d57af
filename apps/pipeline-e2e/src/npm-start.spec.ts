import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findRepoRoot } from '@eap/stack';
import { describeOnStack } from '@eap/testing';
import { runPipelineCli } from './pipeline-cli-runner.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
/** Live processes still in a process group (npm start's, which Ctrl-C signals as a whole), with their command lines. */
const processGroup = (pgid: number) => {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      // /proc/<pid>/stat: pid (comm) state ppid pgrp ...; comm may hold spaces, so read after the last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // A zombie holds nothing (its parent reaps it); anything else is a leftover.
      if (Number(pgrp) === pgid && state !== 'Z') out.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
    } catch {
      // gone already
    }
  }
  return out;
};

describeOnStack('npm start', (stack) => {
  it('runs the whole pipeline with two instances of each app and the console: enriched records and summaries flow, verify passes once the simulator stops, Ctrl-C leaves no process and no port', async () => {
    const root = findRepoRoot();
    const started = Date.now();
    const child = spawn('npm', ['start'], {
      cwd: root,
      detached: true,
      env: { ...process.env, ...stack.appEnv, SIMULATOR_ROWS: '1500', SIMULATOR_RATE: '300', PIPELINE_INSTANCES: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let exitCode: number | null | undefined;
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r((exitCode = code))));
    const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!(await check())) {
        // npm start ending on its own is the failure to report, with what it printed (not a wait until the ceiling).
        if (exitCode !== undefined) throw new Error(`npm start exited (code ${exitCode}) before ${what}; output:\n${output.slice(-6_000)}`);
        if (Date.now() > deadline) throw new Error(`npm start: ${what} not within ${timeoutMs / 1000} s; output:\n${output.slice(-3_000)}`);
        await sleep(1_000);
      }
    };
    try {
      // A generous ceiling against a hang only: the time it took is printed, not asserted.
      await waitFor('the where-to-look block', () => output.includes('Press Ctrl-C to stop.'), 600_000);
      expect(output).toContain('Simulator    300 rows/s');
      expect(output).toContain('Instances    2 of each app');
      await waitFor('the simulator to finish', () => output.includes('▸ activity-simulator finished'), 300_000);
      expect(readFileSync(join(root, '.stack', 'logs', 'activity-simulator.log'), 'utf8')).toContain('done: 1500 rows written');
      let verify = await runPipelineCli(stack.appEnv, ['verify']);
      await waitFor('verify to pass', async () => verify.code === 0 || ((verify = await runPipelineCli(stack.appEnv, ['verify'])), verify.code === 0), 240_000);
      process.stderr.write(`[npm start] pipeline flowing ${((Date.now() - started) / 1000).toFixed(0)} s after npm start; verify:\n${verify.stdout}\n`);
      expect(verify.stdout).toMatch(/matched\s+[1-9]/);
      // Each instance is a member of its group under its own id; the first on the usual port, the others on free ones.
      let status = await runPipelineCli(stack.appEnv, ['status']);
      const members = ['processor-1', 'processor-2', 'aggregator-1', 'aggregator-2'];
      await waitFor(
        'all four members in status',
        async () => members.every((m) => status.stdout.includes(`member ${m} `)) || ((status = await runPipelineCli(stack.appEnv, ['status'])), false),
        120_000,
      );
      process.stderr.write(`[npm start] status:\n${status.stdout}\n`);
      expect(status.stdout).toMatch(/member aggregator-1\s+host \S+\s+health http:\/\/127\.0\.0\.1:9465\s/);
      expect(status.stdout).toMatch(/processed-employee-activities\s+3\s+[1-9]/);
      expect(status.stdout).toMatch(/employee-activity-summaries\s+3\s+[1-9]/);
      // The console is up with the rest, and shows the same pipeline.
      expect(output).toContain('Open the console: http://127.0.0.1:8080/');
      const page = await (await fetch('http://127.0.0.1:8080/')).text();
      expect(page).toContain('processed-employee-activities');
      const state = (await (await fetch('http://127.0.0.1:8080/api/state')).json()) as {
        snapshot: { connector: { status: { connector: { state: string } } } };
      };
      expect(state.snapshot.connector.status.connector.state).toBe('RUNNING');
      // Both apps are ready (partitions assigned; the processor's employees read), at the addresses the summary printed.
      for (const port of ['9464', '9465']) {
        expect(output).toContain(`health, readiness and metrics at http://127.0.0.1:${port} /healthz /readyz /metrics`);
        const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
        expect({ port, status: ready.status, body: (await ready.json()) as unknown }).toMatchObject({ status: 200, body: { status: 'ready' } });
      }
    } finally {
      if (exitCode === undefined) process.kill(-child.pid!, 'SIGINT'); // Ctrl-C: the terminal signals the whole process group
      await Promise.race([exited, new Promise((r) => setTimeout(r, 60_000).unref())]);
    }
    expect(output).toContain('leaving the stack running (it was up before npm start)');
    await sleep(500);
    expect(processGroup(child.pid!)).toEqual([]);
    for (const port of [9464, 9465, 9466, 8080]) expect(await portFree(port)).toBe(true);
  }, 900_000);
});
