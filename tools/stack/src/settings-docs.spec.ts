import { spawnSync } from 'node:child_process';
import { findRepoRoot } from './repo-root.js';

/** docs/settings.md's tables are generated from the settings schemas (tools/scripts/settings-docs.ts): they must not drift. */
describe('docs/settings.md', () => {
  it('has the settings tables the schemas generate (else: run npm run docs:settings)', () => {
    const r = spawnSync(process.execPath, ['--conditions=@eap/source', '--import', 'tsx', 'tools/scripts/settings-docs.ts', '--check'], {
      cwd: findRepoRoot(__dirname),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  });
});
