const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { stack, runDir } = require('./global-setup.cjs');

// Leaves the stack as the run found it: stops only what the global setup started.
module.exports = async () => {
  if (globalThis.__composeStack) {
    await globalThis.__composeStack.down();
    return;
  }
  let state = {};
  try {
    state = JSON.parse(readFileSync(join(runDir, 'test-provider.json'), 'utf8'));
  } catch {
    // no state: the setup did not get far enough to start anything
  }
  if (state.provider === 'embedded' && state.startedHere && process.env.KEEP_STACK !== 'true') {
    const down = stack('down');
    process.stderr.write(`[global-teardown] stack stopped (the tests started it)\n${down.stdout}`);
  }
};
