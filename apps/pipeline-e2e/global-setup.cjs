// Brings the embedded stack up once per test run through the project's own script, and remembers
// whether it was already up so that teardown leaves it as it found it.
const { spawnSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const stack = (...args) =>
  spawnSync('bash', [join(root, 'tools/scripts/run-ts.sh'), join(root, 'tools/stack/src/stack-cli.ts'), ...args], { cwd: root, encoding: 'utf8', env: process.env });

module.exports = async () => {
  const wasUp = stack('status').status === 0;
  const started = Date.now();
  const up = stack('up');
  process.stderr.write(`\n[global-setup] stack ${wasUp ? 'was already up' : 'started'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${up.stdout}`);
  if (up.status !== 0) throw new Error(`npm run stack -- up failed:\n${up.stdout}\n${up.stderr}`);
  mkdirSync(join(root, '.stack', 'run'), { recursive: true });
  writeFileSync(join(root, '.stack', 'run', 'tests-started-stack'), wasUp ? 'no' : 'yes');
};
module.exports.stack = stack;
module.exports.root = root;
