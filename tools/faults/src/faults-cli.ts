import { ConfigError, describeFailure } from '@eap/pipeline-config';
import { acceptCommandLine } from '@eap/service-runtime';
import { createStackController, findRepoRoot, parseStackSettings } from '@eap/stack';
import { embeddedTestStack } from '@eap/testing';
import { formatFaultTable, passed, type FaultOutcome } from './fault-outcome.js';
import { faultPlan, parseFaultKinds } from './fault-plan.js';
import { faultsProgram } from './faults-program.js';
import { runScenario } from './scenario-runner.js';

const log = (line: string) => process.stderr.write(`${line}\n`);

const wholeNumber = (option: string, text: unknown, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new ConfigError(option, `needs a whole number from 1, got "${String(text)}"`);
  return n;
};

// Ctrl-C ends the run through process.exit, so the app instances it started end with it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

const main = async (): Promise<number> => {
  const root = findRepoRoot();
  const { values } = acceptCommandLine(process.argv.slice(2), faultsProgram(root));
  const only = typeof values['only'] === 'string' ? parseFaultKinds(values['only']) : { kinds: [] };
  if ('error' in only) throw new ConfigError('--only', only.error);
  const rate = wholeNumber('--rate', values['rate'], 250);
  const seed = wholeNumber('--seed', values['seed'], 1);
  const settings = parseStackSettings(process.env, root);
  const controller = createStackController(settings, { log });
  const wasUp = (await controller.status()).every((c) => c.state === 'running');
  const plan = faultPlan({ short: values['short'] === true, brokers: settings.kafkaBrokers, only: only.kinds, rate });
  log(`▸ ${plan.length} fault scenarios on ${settings.kafkaBrokers} broker(s), load ${rate} rows/s, seed ${seed}${wasUp ? ' (on the running stack)' : ''}`);
  const outcomes: FaultOutcome[] = [];
  try {
    for (const [i, scenario] of plan.entries()) {
      // Whatever a previous scenario left down comes back first.
      const rows = await controller.up();
      if (rows.some((r) => r.state === 'failed' || r.state === 'skipped')) throw new Error('the stack did not come up; see npm run stack -- status');
      log(`▸ [${i + 1}/${plan.length}] ${scenario.title}: ${scenario.count} x, ${scenario.changes.toLocaleString('en-US')} changes at ${scenario.rate} rows/s`);
      const outcome = await runScenario(scenario, { stack: embeddedTestStack(), controller, brokers: settings.kafkaBrokers, seed: seed + i, log });
      outcomes.push(outcome);
      log(
        `  ${passed(outcome) ? '✓' : '✗'} ${outcome.groups} groups, ${outcome.missing + outcome.extra + outcome.mismatched} differences, ${outcome.duplicated} duplicated, ${outcome.seconds.toFixed(0)} s${outcome.error ? `: ${outcome.error}` : ''}`,
      );
    }
  } finally {
    if (!wasUp) {
      log('▸ stopping the stack (npm run faults brought it up)');
      await controller.down();
    }
  }
  process.stdout.write(`${formatFaultTable(outcomes)}\n`);
  return outcomes.every(passed) ? 0 : 1;
};

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`✗ faults: ${describeFailure(e).text}\n`);
    process.exit(1);
  },
);
