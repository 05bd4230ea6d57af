import type { ProgramSpec } from '@eap/pipeline-config';
import { parseStackSettings } from '@eap/stack';
import { FAULT_KINDS } from './fault-plan.js';

export const faultsProgram = (root: string): ProgramSpec => ({
  invocation: 'npm run faults --',
  summary: [
    'Injects faults into a running pipeline under load and checks that nothing was lost or counted twice.',
    'Each scenario gets a pipeline of its own (database, connector, topics) on the embedded stack (brought up if',
    'down, and down again at the end): its app instances, a simulator load with inserts, moves and deletes, the',
    'faults, then verify (every summary against the SQL GROUP BY) and a search for changes written twice.',
    'Prints a table: fault, count, changes, groups compared, missing / extra / mismatched, duplicated changes,',
    'longest recovery (fault -> committed outputs flowing again on every partition that had work).',
    "It kills and stops the stack's own servers: run it on a stack you can disturb (STACK_KAFKA_BROKERS=3 for the three-broker faults).",
  ].join('\n'),
  main: {
    help: '',
    options: {
      short: { type: 'boolean', help: 'the subset npm test runs (a few minutes): app SIGKILLs, scaling, Connect and broker SIGKILL' },
      only: { type: 'string', value: 'faults', help: `comma-separated, from: ${FAULT_KINDS.join(', ')}` },
      rate: { type: 'string', value: 'rows/s', help: 'load rate (default 250)' },
      seed: { type: 'string', value: 'n', help: 'seed of the load and of the fault choices (default 1)' },
    },
  },
  settingsReaders: [(env) => parseStackSettings(env, root)],
  notes: 'Exit codes: 0 every scenario exact, 1 a difference or a failed step (the table says which), 2 bad usage.',
});
