import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findRepoRoot } from '@eap/stack';

const run = promisify(execFile);

/** `npm run pipeline -- <args>` as a user runs it, with a pipeline's settings. */
export const runPipelineCli = async (
  env: Readonly<Record<string, string>>,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> => {
  try {
    const { stdout, stderr } = await run('npm', ['run', '--silent', 'pipeline', '--', ...args], {
      cwd: findRepoRoot(),
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
};
