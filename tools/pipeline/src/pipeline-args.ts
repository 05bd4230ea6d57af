import { formatUsage, parseCommandLine, type ProgramSpec } from '@eap/pipeline-config';

export type PipelineCommand =
  | { readonly kind: 'verify'; readonly json: boolean }
  | { readonly kind: 'status'; readonly json: boolean }
  | { readonly kind: 'doctor'; readonly json: boolean; readonly fix: boolean; readonly watch: boolean }
  | { readonly kind: 'tail'; readonly json: boolean; readonly topic: string; readonly fromBeginning: boolean }
  | { readonly kind: 'rebuild'; readonly yes: boolean; readonly keepDlq: boolean }
  | { readonly kind: 'resnapshot'; readonly clean: boolean }
  | { readonly kind: 'explain'; readonly json: boolean; readonly key: string };

export type ParsedArgs =
  | { readonly kind: 'ok'; readonly command: PipelineCommand }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'usage'; readonly message: string; readonly text: string };

const json = { type: 'boolean', help: 'JSON instead of a table' } as const;

/** The commands, their options and the readers of the settings they use (given by the caller). */
export const pipelineProgram = (settingsReaders: ProgramSpec['settingsReaders'] = []): ProgramSpec => ({
  invocation: 'npm run pipeline --',
  summary: 'Operations over a running pipeline: status, verify, doctor, explain, tail, rebuild, resnapshot.',
  commands: {
    status: {
      help: 'servers, connector and tasks, topics with end offsets and rates, consumer-group lag per partition,\nDLQ records by reason, replication slot WAL',
      options: { json },
    },
    verify: { help: "compare the latest summaries with the SQL GROUP BY over the aggregator's horizon;\nexits 1 when they differ", options: { json } },
    doctor: {
      help: 'check for the common problems and say how to fix each; exits 1 on a problem',
      options: {
        json,
        fix: { type: 'boolean', help: 'resume a stopped or paused connector, restart a failed one' },
        watch: {
          type: 'boolean',
          help: 'keep looking (DOCTOR_WATCH_INTERVAL_SECONDS) and print each alert raised or cleared, with its fix;\nruns verify every DOCTOR_WATCH_VERIFY_SECONDS; Ctrl-C to stop',
        },
      },
    },
    explain: {
      help: 'the source changes behind a summary: op, activity id, its + or - to count and sum, source LSN,\ntransaction and commit time, processed-topic offset; checks they add up to the value and to the SQL rows',
      args: [{ name: '<summary key>' }],
      options: { json },
    },
    tail: {
      help: 'follow a topic, decoded (Avro through the registry, Debezium JSON unwrapped); Ctrl-C to stop',
      args: [{ name: '<topic>' }],
      options: { json: { type: 'boolean', help: 'one JSON object per line' }, 'from-beginning': { type: 'boolean', help: 'every record, not only new ones' } },
    },
    rebuild: {
      help: 'reset the outputs and replay the inputs: with the apps stopped, delete their positions and output\ntopics, snapshot if retention deleted input, run both apps to the end, then verify',
      options: {
        yes: { type: 'boolean', help: 'really do it (without: say what would be deleted)' },
        'keep-dlq': { type: 'boolean', help: 'keep the DLQ topic' },
      },
    },
    resnapshot: {
      help: 'ask Debezium for a blocking snapshot of employee_activities (signal table): the outputs\nare restated from it. Pause writes to the table while it runs',
      options: {
        clean: {
          type: 'boolean',
          help: 'instead: stop the connector, drop its slot, forget its offsets, resume: a snapshot consistent\nwith the stream, whatever the writes (after Connect died during a snapshot)',
        },
      },
    },
  },
  settingsReaders,
  notes: 'Exit codes: 0 all is well, 1 the check found differences or problems, 2 bad usage, configuration or an\nunreachable dependency.',
});

/** A command and its options, `help` for the usage, or what is wrong with the command line. */
export const parsePipelineArgs = (argv: readonly string[], spec: ProgramSpec = pipelineProgram()): ParsedArgs => {
  const parsed = parseCommandLine(argv, spec);
  if (parsed.kind === 'help') return parsed;
  if (parsed.kind === 'invalid') return { kind: 'usage', message: parsed.message, text: parsed.text };
  const v = parsed.values;
  const json = v['json'] === true;
  switch (parsed.command) {
    case 'tail':
      return { kind: 'ok', command: { kind: 'tail', json, topic: parsed.positionals[0]!, fromBeginning: v['from-beginning'] === true } };
    case 'rebuild':
      return { kind: 'ok', command: { kind: 'rebuild', yes: v['yes'] === true, keepDlq: v['keep-dlq'] === true } };
    case 'resnapshot':
      return { kind: 'ok', command: { kind: 'resnapshot', clean: v['clean'] === true } };
    case 'explain':
      return { kind: 'ok', command: { kind: 'explain', json, key: parsed.positionals[0]! } };
    case 'doctor':
      if (v['fix'] === true && v['watch'] === true)
        return { kind: 'usage', message: '--fix and --watch do not go together: doctor --fix once, then --watch', text: formatUsage(spec, 'doctor') };
      return { kind: 'ok', command: { kind: 'doctor', json, fix: v['fix'] === true, watch: v['watch'] === true } };
    default:
      return { kind: 'ok', command: { kind: parsed.command as 'verify' | 'status', json } };
  }
};
