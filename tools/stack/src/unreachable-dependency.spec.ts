import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from './repo-root.js';

/**
 * A dependency nobody listens on (port 1): each program says which one did not answer and what to do,
 * in one line, and exits non-zero; no stack trace. Through the real clients (KafkaJS, pg, fetch), no server.
 */
const root = findRepoRoot(__dirname);
const run = (entry: string, args: readonly string[], env: Readonly<Record<string, string>>) =>
  spawnSync(process.execPath, ['--conditions=@eap/source', '--import', 'tsx', entry, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, STACK_DIR: mkdtempSync(join(tmpdir(), 'eap-unreachable-')), NODE_OPTIONS: '', PROCESSOR_HEALTH_PORT: '0', ...env },
  });

describe('an unreachable dependency', () => {
  it.each([
    [
      'the processor, Kafka',
      'apps/enrichment-processor/src/main.ts',
      [],
      { KAFKA_BROKERS: '127.0.0.1:1' },
      1,
      /✗ enrichment-processor: a dependency is not reachable \(Kafka did not answer: .*ECONNREFUSED 127\.0\.0\.1:1\)/,
    ],
    [
      'the registrar, PostgreSQL',
      'apps/connector-registrar/src/main.ts',
      [],
      { PGHOST: '127.0.0.1', PGPORT: '1' },
      1,
      /✗ a dependency is not reachable \(migrating postgres:\/\/.*@127\.0\.0\.1:1\/.*ECONNREFUSED/,
    ],
    [
      'pipeline verify, Kafka',
      'tools/pipeline/src/pipeline-cli.ts',
      ['verify'],
      { KAFKA_BROKERS: '127.0.0.1:1', PGPORT: '1' },
      2,
      /✗ pipeline: a dependency is not reachable \(/,
    ],
  ] as const)('%s: one line saying which and what to do, no stack trace', (_what, entry, args, env, status, line) => {
    const r = run(entry, args, env);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(line);
    expect(r.stderr).toContain('is the stack up? npm run stack -- up');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});
