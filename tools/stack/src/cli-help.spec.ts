import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from './repo-root.js';

/** Every command-line entry point answers --help on stdout with exit 0 and touches nothing; a bad flag exits 2 naming it. */
const root = findRepoRoot(__dirname);
const ENTRY_POINTS = [
  'tools/stack/src/stack-cli.ts',
  'tools/pipeline/src/pipeline-cli.ts',
  'tools/bench/src/bench-cli.ts',
  'apps/enrichment-processor/src/main.ts',
  'apps/summary-aggregator/src/main.ts',
  'apps/connector-registrar/src/main.ts',
  'apps/activity-simulator/src/main.ts',
  'apps/console/src/main.ts',
];
const run = (entry: string, args: readonly string[]) => {
  const stackDir = join(mkdtempSync(join(tmpdir(), 'eap-help-')), 'stack');
  const r = spawnSync(process.execPath, ['--conditions=@eap/source', '--import', 'tsx', entry, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    // a port nothing listens on: a CLI that connected anyway would fail, not hang on a real stack
    env: { ...process.env, STACK_DIR: stackDir, KAFKA_BROKERS: '127.0.0.1:1', PGPORT: '1', NODE_OPTIONS: '' },
  });
  return { ...r, stackDirCreated: existsSync(stackDir) };
};

describe.each(ENTRY_POINTS)('%s', (entry) => {
  it('--help prints the usage on stdout, exits 0 and creates nothing', () => {
    const r = run(entry, ['--help']);
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^usage: /);
    expect(r.stdout).toContain('settings (environment variables');
    expect(r.stackDirCreated).toBe(false);
  });

  it('an unknown flag exits 2 naming it', () => {
    const r = run(entry, entry.includes('-cli.ts') && !entry.includes('bench') ? ['status', '--no-such-flag'] : ['--no-such-flag']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"--no-such-flag"');
    expect(r.stackDirCreated).toBe(false);
  });
});
