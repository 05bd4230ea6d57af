const { readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { stack, root } = require('./global-setup.cjs');

module.exports = async () => {
  const marker = join(root, '.stack', 'run', 'tests-started-stack');
  let startedHere = false;
  try {
    startedHere = readFileSync(marker, 'utf8') === 'yes';
  } catch {
    // no marker: the stack was up before the tests
  }
  rmSync(marker, { force: true });
  if (startedHere && process.env.KEEP_STACK !== 'true') {
    const down = stack('down');
    process.stderr.write(`[global-teardown] stack stopped (tests started it)\n${down.stdout}`);
  }
};
