#!/usr/bin/env bash
# npm test: every test. Unit tests first (no servers), then the end-to-end suites, which bring the
# embedded stack up once (jest global setup) and run one at a time. Prints "N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash tools/scripts/bootstrap.sh --with-browser || exit 1
mkdir -p .stack
export NODE_OPTIONS="${NODE_OPTIONS:-} --conditions=@eap/source"
jest=node_modules/.bin/jest
unit_projects=$(node -e '
  const { execSync } = require("node:child_process");
  const projects = JSON.parse(execSync("npx nx show projects --with-target test --json", { encoding: "utf8" }));
  console.log(projects.filter((p) => p !== "pipeline-e2e").join(" "));')
status=0
$jest --selectProjects $unit_projects --json --outputFile=.stack/unit-results.json "$@" || status=1
$jest --selectProjects pipeline-e2e --runInBand --json --outputFile=.stack/e2e-results.json "$@" || status=1
node -e '
  const fs = require("node:fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of [".stack/unit-results.json", ".stack/e2e-results.json"]) {
    if (!fs.existsSync(f)) { failed += 1; console.error(`no results in ${f}`); continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites; skipped += r.numPendingTests + r.numTodoTests;
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);'
exit $status
