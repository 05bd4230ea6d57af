/**
 * Writes the settings tables of docs/settings.md from the settings schemas (`npm run docs:settings`);
 * with --check, writes nothing and exits 1 naming what differs. Each table sits between
 * `<!-- settings:begin <group> -->` and `<!-- settings:end -->`; the prose around them is left as it is.
 * Outside any project (it reads every app's schema), run from sources by run-ts.sh.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kafkaSettings, loggingSettings, pipelineNamesSettings, writeSettingsTables } from '@eap/pipeline-config';
import { enrichmentSettings } from '@eap/enrichment-rules';
import { windowingSettings } from '@eap/windowing';
import { pgSettings } from '@eap/pg-io';
import { alertSettings, appHealthSettings, opsSettings } from '@eap/pipeline-ops';
import { findRepoRoot, stackSettings } from '@eap/stack';
import { registrarSettings } from '../../apps/connector-registrar/src/registrar-config.js';
import { processorSettings } from '../../apps/enrichment-processor/src/processor-config.js';
import { aggregatorSettings } from '../../apps/summary-aggregator/src/aggregator-config.js';
import { simulatorSettings } from '../../apps/activity-simulator/src/simulator-config.js';
import { consoleSettings } from '../../apps/console/src/console-config.js';
import { benchSettings } from '../bench/src/bench-settings.js';

/** In this order: a setting's row is in the first group that reads it (the others link to that group). */
const GROUPS = [
  stackSettings,
  pipelineNamesSettings,
  kafkaSettings,
  pgSettings,
  appHealthSettings,
  loggingSettings,
  processorSettings,
  enrichmentSettings,
  aggregatorSettings,
  windowingSettings,
  opsSettings,
  alertSettings,
  registrarSettings,
  simulatorSettings,
  consoleSettings,
  benchSettings,
];

const file = join(findRepoRoot(), 'docs', 'settings.md');
const before = readFileSync(file, 'utf8');
const { text, missing, unknown } = writeSettingsTables(before, GROUPS);
const problems = [
  ...missing.map((id) => `no section <!-- settings:begin ${id} --> for the group ${id}`),
  ...unknown.map((id) => `the section ${id} names no settings group`),
];
if (problems.length) {
  process.stderr.write(`✗ docs/settings.md: ${problems.join('; ')}\n`);
  process.exit(1);
}
if (process.argv.includes('--check')) {
  if (text !== before) {
    const at = [...text].findIndex((c, i) => c !== before[i]);
    const line = before.slice(0, at).split('\n').length;
    process.stderr.write(`✗ docs/settings.md differs from the settings schemas from line ${line}: run npm run docs:settings\n`);
    process.exit(1);
  }
} else if (text !== before) {
  writeFileSync(file, text);
  process.stdout.write('docs/settings.md: settings tables written\n');
}
