#!/usr/bin/env bash
# npm test: every test. Unit tests first (no servers), then the end-to-end suites, which bring the
# embedded stack up once (jest global setup) and run one at a time. Prints "N passed, N failed".
# npm run test:unit (--unit): the unit tests only, no server and no browser, for the edit-test loop.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
unit_only=false
if [ "${1:-}" = "--unit" ]; then unit_only=true; shift; fi
if $unit_only; then bash tools/scripts/bootstrap.sh || exit 1; else bash tools/scripts/bootstrap.sh --with-browser || exit 1; fi
mkdir -p .stack
export NODE_OPTIONS="${NODE_OPTIONS:-} --conditions=@eap/source"
jest=node_modules/.bin/jest
unit_projects=$(node -e '
  const { execSync } = require("node:child_process");
  const projects = JSON.parse(execSync("npx nx show projects --with-target test --json", { encoding: "utf8" }));
  console.log(projects.filter((p) => p !== "pipeline-e2e").join(" "));')
status=0
$jest --selectProjects $unit_projects --json --outputFile=.stack/unit-results.json "$@" || status=1
rm -f .stack/e2e-results.json
$unit_only || $jest --selectProjects pipeline-e2e --runInBand --json --outputFile=.stack/e2e-results.json "$@" || status=1
node -e '
  const fs = require("node:fs");
  let passed = 0, failed = 0, skipped = 0;
  const files = [".stack/unit-results.json", ...(process.argv[1] === "true" ? [] : [".stack/e2e-results.json"])];
  for (const f of files) {
    if (!fs.existsSync(f)) { failed += 1; console.error(`no results in ${f}`); continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);' "$unit_only"
exit $status
