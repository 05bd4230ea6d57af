// Provides the test run's stack once: the embedded stack through the project's own script (default),
// or docker/compose.yaml through testcontainers when STACK_PROVIDER=testcontainers and a Docker engine
// answers. Records what it did in .stack/run/test-provider.json; suites skip, saying why, without one.
const { spawnSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const runDir = join(root, '.stack', 'run');
const stack = (...args) =>
  spawnSync('bash', [join(root, 'tools/scripts/run-ts.sh'), join(root, 'tools/stack/src/stack-cli.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: process.env,
  });
const record = (state) => {
  mkdirSync(runDir, { recursive: true });
  writeFileSync(join(runDir, 'test-provider.json'), JSON.stringify(state));
};

const embedded = async () => {
  const wasUp = stack('status').status === 0;
  const started = Date.now();
  const up = stack('up');
  process.stderr.write(`\n[global-setup] stack ${wasUp ? 'was already up' : 'started'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${up.stdout}`);
  if (up.status !== 0) throw new Error(`npm run stack -- up failed:\n${up.stdout}\n${up.stderr}`);
  record({ provider: 'embedded', available: true, startedHere: !wasUp });
};

const testcontainers = async () => {
  const { getContainerRuntimeClient, DockerComposeEnvironment, Wait } = require('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch (e) {
    const reason = `STACK_PROVIDER=testcontainers but no Docker engine answers (${e.message})`;
    process.stderr.write(`\n[global-setup] ${reason}: the end-to-end suites are skipped\n`);
    record({ provider: 'testcontainers', available: false, reason });
    return;
  }
  globalThis.__composeStack = await new DockerComposeEnvironment(join(root, 'docker'), 'compose.yaml')
    .withDefaultWaitStrategy(Wait.forHealthCheck())
    .up(['postgres', 'kafka', 'connect', 'registry']);
  record({ provider: 'testcontainers', available: true, startedHere: true });
};

module.exports = async () => ((process.env.STACK_PROVIDER || 'embedded') === 'testcontainers' ? testcontainers() : embedded());
module.exports.stack = stack;
module.exports.runDir = runDir;
