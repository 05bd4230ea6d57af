// Suites that stop or kill servers (*.disruptive.spec.ts) run after all the others.
const Sequencer = require('@jest/test-sequencer').default;

module.exports = class DisruptiveLast extends Sequencer {
  sort(tests) {
    const disruptive = (t) => (t.path.includes('.disruptive.') ? 1 : 0);
    return [...tests].sort((a, b) => disruptive(a) - disruptive(b) || a.path.localeCompare(b.path));
  }
};
