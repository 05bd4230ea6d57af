import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findRepoRoot } from '@eap/stack';

/** Runs `npm run stack -- <args>` the way a user does (through the project's script). */
export const runStackCli = (args: readonly string[], env: Readonly<Record<string, string>> = {}) => {
  const root = findRepoRoot();
  const r = spawnSync('bash', [join(root, 'tools/scripts/run-ts.sh'), join(root, 'tools/stack/src/stack-cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 600_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, output: `${r.stdout}\n${r.stderr}` };
};
