// All projects' jest configs, for `npx jest` at the root (npm test selects among them).
const { getJestProjectsAsync } = require('@nx/jest');

module.exports = async () => ({
  projects: await getJestProjectsAsync(),
  // Suites that stop or kill servers (*.disruptive.spec.ts) run after all the others.
  testSequencer: '<rootDir>/apps/pipeline-e2e/test-sequencer.cjs',
});
