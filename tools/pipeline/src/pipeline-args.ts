import { formatUsage, parseCommandLine, type ProgramSpec } from '@eap/pipeline-config';
import type { DeadLetterFilter } from '@eap/pipeline-ops';

export type PipelineCommand =
  | { readonly kind: 'verify'; readonly json: boolean }
  | { readonly kind: 'status'; readonly json: boolean }
  | { readonly kind: 'doctor'; readonly json: boolean; readonly fix: boolean; readonly watch: boolean }
  | { readonly kind: 'tail'; readonly json: boolean; readonly topic: string; readonly fromBeginning: boolean }
  | { readonly kind: 'rebuild'; readonly yes: boolean; readonly keepDlq: boolean }
  | { readonly kind: 'resnapshot'; readonly clean: boolean }
  | { readonly kind: 'explain'; readonly json: boolean; readonly key: string }
  | { readonly kind: 'dlq'; readonly action: 'list' | 'show' | 'redrive'; readonly json: boolean; readonly dryRun: boolean; readonly filter: DeadLetterFilter };

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
    dlq: {
      help: 'dead letters: list them (with what a redrive did to each), show one (<partition>@<offset>), or redrive\nthem through the same rules, exactly once, after their cause was fixed; --dry-run says what would happen',
      args: [{ name: 'list|show|redrive' }, { name: '<partition>@<offset>', optional: true }],
      options: {
        json,
        reason: { type: 'string', value: '<r1,r2>', help: 'only these reasons (late, missing_employee, too_large, ...)' },
        since: { type: 'string', value: '<time>', help: 'dead-lettered at or after this ISO-8601 time' },
        until: { type: 'string', value: '<time>', help: 'dead-lettered before this ISO-8601 time' },
        source: { type: 'string', value: '<topic[:partition[:offset]]>', help: 'only records from this input topic, partition, offset' },
        'dry-run': { type: 'boolean', help: 'redrive: say what would happen to each record, change nothing' },
      },
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
    case 'dlq': {
      const action = parsed.positionals[0];
      if (action !== 'list' && action !== 'show' && action !== 'redrive')
        return { kind: 'usage', message: `dlq takes list, show or redrive, got "${action}"`, text: formatUsage(spec, 'dlq') };
      const filter = parseDeadLetterFilter(v, parsed.positionals[1]);
      if (typeof filter === 'string') return { kind: 'usage', message: filter, text: formatUsage(spec, 'dlq') };
      if (action === 'show' && !filter.ids)
        return { kind: 'usage', message: 'dlq show needs a record: <partition>@<offset>, as dlq list prints it', text: formatUsage(spec, 'dlq') };
      return { kind: 'ok', command: { kind: 'dlq', action, json, dryRun: v['dry-run'] === true, filter } };
    }
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

const time = (name: string, value: string | boolean | undefined): number | string | undefined => {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? `--${name} must be an ISO-8601 time like 2026-12-02T10:00:00Z, got "${value}"` : t;
};

/** The `dlq` filters from the options (a string: what is wrong with them). */
export const parseDeadLetterFilter = (v: Readonly<Record<string, string | boolean | undefined>>, id: string | undefined): DeadLetterFilter | string => {
  const since = time('since', v['since']);
  const until = time('until', v['until']);
  if (typeof since === 'string') return since;
  if (typeof until === 'string') return until;
  if (id !== undefined && !/^\d+@\d+$/.test(id)) return `a DLQ record is <partition>@<offset>, got "${id}"`;
  let source: Pick<DeadLetterFilter, 'sourceTopic' | 'sourcePartition' | 'sourceOffset'> = {};
  if (typeof v['source'] === 'string') {
    const m = /^([^:]+)(?::(\d+)(?::(\d+))?)?$/.exec(v['source']);
    if (!m) return `--source is <topic>[:<partition>[:<offset>]], got "${v['source']}"`;
    source = {
      sourceTopic: m[1]!,
      ...(m[2] !== undefined ? { sourcePartition: Number(m[2]) } : {}),
      ...(m[3] !== undefined ? { sourceOffset: BigInt(m[3]) } : {}),
    };
  }
  return {
    ...(typeof v['reason'] === 'string'
      ? {
          reasons: v['reason']
            .split(',')
            .map((r) => r.trim())
            .filter(Boolean),
        }
      : {}),
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...source,
    ...(id !== undefined ? { ids: [id] } : {}),
  };
};
