export type PipelineCommand =
  | { readonly kind: 'verify'; readonly json: boolean }
  | { readonly kind: 'status'; readonly json: boolean }
  | { readonly kind: 'doctor'; readonly json: boolean; readonly fix: boolean }
  | { readonly kind: 'tail'; readonly json: boolean; readonly topic: string; readonly fromBeginning: boolean }
  | { readonly kind: 'rebuild'; readonly yes: boolean; readonly keepDlq: boolean }
  | { readonly kind: 'resnapshot' }
  | { readonly kind: 'help' };

export type ParsedArgs = { readonly kind: 'ok'; readonly command: PipelineCommand } | { readonly kind: 'usage'; readonly message: string };

export const USAGE = `usage: npm run pipeline -- <command> [options]

commands:
  status                 servers, connector and tasks, topics with end offsets and rates, consumer-group
                         lag per partition, DLQ records by reason, replication slot WAL
  verify                 compare the latest summaries with the SQL GROUP BY over the aggregator's horizon;
                         exits 1 when they differ
  doctor [--fix]         check for the common problems and say how to fix each; exits 1 on a problem.
                         --fix resumes a stopped or paused connector and restarts a failed one
  tail <topic> [--from-beginning]
                         follow a topic, decoded (Avro through the registry, Debezium JSON unwrapped);
                         Ctrl-C to stop
  rebuild --yes [--keep-dlq]
                         reset the outputs and replay the inputs deliberately: with the processor and the
                         aggregator stopped, deletes their committed positions and their output topics
                         (processed, summaries, changelog, DLQ unless --keep-dlq), asks Debezium for a
                         snapshot when retention already deleted the input's first records, runs both
                         apps until they have read everything, stops them and runs verify
  resnapshot             ask Debezium for a blocking snapshot of employee_activities (signal table): the
                         outputs are restated from it. Pause writes to the table while it runs
options:
  --json                 JSON instead of tables (tail: one JSON object per line)

The pipeline is named by the PIPELINE_* settings (default: the manual's names); the stack by
KAFKA_BROKERS, SCHEMA_REGISTRY_URL, CONNECT_URL and PG* (default: the embedded stack).`;

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  verify: ['--json'],
  status: ['--json'],
  doctor: ['--json', '--fix'],
  tail: ['--json', '--from-beginning'],
  rebuild: ['--yes', '--keep-dlq'],
  resnapshot: [],
};

/** A command and its options; `help`, `-h` or nothing for the usage. */
export const parsePipelineArgs = (argv: readonly string[]): ParsedArgs => {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '-h' || name === '--help') return { kind: 'ok', command: { kind: 'help' } };
  const allowed = ALLOWED[name];
  if (!allowed) return { kind: 'usage', message: `unknown command "${name}"` };
  const options = rest.filter((a) => a.startsWith('-'));
  const positional = rest.filter((a) => !a.startsWith('-'));
  const unknown = options.filter((o) => !allowed.includes(o));
  if (unknown.length) return { kind: 'usage', message: `unknown option ${unknown[0]} for ${name}` };
  const json = options.includes('--json');
  if (name === 'tail') {
    if (positional.length !== 1) return { kind: 'usage', message: 'tail needs one topic, e.g. npm run pipeline -- tail processed-employee-activities' };
    return { kind: 'ok', command: { kind: 'tail', json, topic: positional[0]!, fromBeginning: options.includes('--from-beginning') } };
  }
  if (positional.length) return { kind: 'usage', message: `${name} takes no argument, got "${positional[0]}"` };
  if (name === 'rebuild') return { kind: 'ok', command: { kind: 'rebuild', yes: options.includes('--yes'), keepDlq: options.includes('--keep-dlq') } };
  if (name === 'resnapshot') return { kind: 'ok', command: { kind: 'resnapshot' } };
  if (name === 'doctor') return { kind: 'ok', command: { kind: 'doctor', json, fix: options.includes('--fix') } };
  return { kind: 'ok', command: { kind: name as 'verify' | 'status', json } };
};
