import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '@eap/stack';
import { embeddedStackController } from './embedded-test-stack.js';

const marker = () => join(findRepoRoot(), '.stack', 'run', 'started-by-tests');

/**
 * Jest global setup: brings the stack up once per run through the project's own scripts. Records
 * whether it was already running, so teardown leaves the stack as it found it.
 */
export const setUpTestStack = async (): Promise<void> => {
  const stack = embeddedStackController();
  const before = await stack.status();
  const wasRunning = before.every((r) => r.state === 'running');
  const rows = await stack.up();
  const failed = rows.filter((r) => r.state === 'failed' || r.state === 'skipped');
  if (failed.length) throw new Error(`the test stack did not come up: ${failed.map((f) => `${f.component}: ${f.detail}`).join('; ')}`);
  mkdirSync(join(findRepoRoot(), '.stack', 'run'), { recursive: true });
  if (!wasRunning) writeFileSync(marker(), `${process.pid}\n`);
};

export const tearDownTestStack = async (): Promise<void> => {
  if (!existsSync(marker()) || process.env['KEEP_STACK'] === 'true') return;
  readFileSync(marker());
  rmSync(marker(), { force: true });
  await embeddedStackController().down();
};
