import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createStreamingDb, requestBlockingSnapshot } from '@eap/pg-io';
import {
  alertSettingsFromEnv,
  deadLetterJson,
  formatDeadLetter,
  formatDeadLetterList,
  formatRedrive,
  readDeadLetters,
  redriveDeadLetters,
  redriveSettingsFromEnv,
  explainSummaryKey,
  formatExplainReport,
  parseSummaryKey,
  applyConnectorFix,
  collectPipelineSnapshot,
  diagnose,
  formatDoctorReport,
  formatStatusReport,
  formatTailedRecord,
  formatVerifyReport,
  opsSettingsFromEnv,
  rebuildPipeline,
  type RunningApps,
  tailTopic,
  toJson,
  topicRates,
  verifyOptionsFromEnv,
  verifyReportJson,
  verifySummaries,
  worstSeverity,
  type OpsSettings,
  restartSnapshotCleanly,
} from '@eap/pipeline-ops';
import { describeFailure } from '@eap/pipeline-config';
import { watchDoctor } from './doctor-watch.js';
import { parsePipelineArgs, pipelineProgram, type PipelineCommand } from './pipeline-args.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (text: string) => process.stdout.write(`${text}\n`);

/** Two snapshots a second apart: rates and lag trends need both. */
const twoSnapshots = async (s: OpsSettings) => {
  const earlier = await collectPipelineSnapshot(s, { dlq: false });
  await sleep(1_000);
  return { earlier, now: await collectPipelineSnapshot(s) };
};

const verify = async (s: OpsSettings, json: boolean): Promise<number> => {
  const db = createStreamingDb(s.pg, { applicationName: 'pipeline-verify' });
  try {
    if (!json) process.stderr.write(`verify: ${s.names.summariesTopic} against SQL GROUP BY over ${s.names.database}.employee_activities\n`);
    const result = await verifySummaries(verifyOptionsFromEnv(process.env, db));
    out(json ? JSON.stringify(verifyReportJson(result), null, 2) : formatVerifyReport(result));
    return result.ok ? 0 : 1;
  } finally {
    await db.destroy();
  }
};

const doctor = async (s: OpsSettings, json: boolean, fix: boolean): Promise<number> => {
  const thresholds = alertSettingsFromEnv(process.env);
  let { earlier, now } = await twoSnapshots(s);
  let findings = diagnose(earlier, now, { thresholds });
  const actions = findings.filter((f) => f.action);
  if (fix && actions.length) {
    if (!json) out(`${formatDoctorReport(findings)}\n`);
    for (const { action } of actions) {
      if (!action) continue;
      process.stderr.write(`▸ ${action === 'resume_connector' ? 'resuming' : 'restarting'} ${s.names.connector}\n`);
      await applyConnectorFix(s.connectUrl, s.names.connector, action);
    }
    await sleep(3_000);
    process.stderr.write('▸ checking again\n');
    ({ earlier, now } = await twoSnapshots(s));
    findings = diagnose(earlier, now, { thresholds });
  }
  out(json ? toJson({ ok: worstSeverity(findings) !== 'fail', findings }) : formatDoctorReport(findings));
  return worstSeverity(findings) === 'fail' ? 1 : 0;
};

/** Exit 1 when the changes do not add up to the summary or leave other rows than SQL's; 2 for a key that is not one. */
const explain = async (s: OpsSettings, summaryKey: string, json: boolean): Promise<number> => {
  const parsed = parseSummaryKey(summaryKey);
  if (parsed.kind === 'invalid') {
    process.stderr.write(`✗ ${parsed.detail}\n`);
    return 2;
  }
  const db = createStreamingDb(s.pg, { applicationName: 'pipeline-explain' });
  try {
    const report = await explainSummaryKey(s, db, summaryKey, parsed.parts);
    out(json ? toJson(report) : formatExplainReport(report));
    return report.addsUp && report.sql.sameRows ? 0 : 1;
  } finally {
    await db.destroy();
  }
};

/** list and show read; redrive exits 1 when a record failed again or was refused, so scripts see it. */
const dlq = async (s: OpsSettings, command: Extract<PipelineCommand, { kind: 'dlq' }>): Promise<number> => {
  if (command.action !== 'redrive') {
    const entries = await readDeadLetters(s, command.filter);
    if (command.action === 'show' && entries.length === 0) {
      process.stderr.write(`✗ no DLQ record ${command.filter.ids?.[0]} in ${s.names.dlqTopic}\n`);
      return 1;
    }
    out(
      command.json
        ? toJson(entries.map((e) => ({ ...deadLetterJson(e), redrive: e.redrive })))
        : command.action === 'show'
          ? formatDeadLetter(entries[0]!)
          : formatDeadLetterList(entries),
    );
    return 0;
  }
  const { enrichment, maxValueBytes, retentionHours } = redriveSettingsFromEnv(process.env);
  const db = createStreamingDb(s.pg, { applicationName: 'pipeline-dlq-redrive' });
  try {
    const result = await redriveDeadLetters({ settings: s, db, filter: command.filter, enrichment, maxValueBytes, retentionHours, dryRun: command.dryRun });
    out(
      command.json
        ? toJson({ ...result, outcomes: result.outcomes.map((o) => ({ entry: deadLetterJson(o.entry), decision: o.decision })) })
        : formatRedrive(result),
    );
    return result.outcomes.some((o) => o.decision.kind === 'fails_again' || o.decision.kind === 'refused') ? 1 : 0;
  } finally {
    await db.destroy();
  }
};

const tail = async (s: OpsSettings, topic: string, fromBeginning: boolean, json: boolean): Promise<number> => {
  if (!json) process.stderr.write(`tail ${topic}${fromBeginning ? ' from the beginning' : ' (new records; --from-beginning for all)'}; Ctrl-C to stop\n`);
  const follower = await tailTopic({ settings: s, topic, fromBeginning, onRecord: (r) => out(json ? toJson(r, 0) : formatTailedRecord(r)) });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await follower.stop();
  return 0;
};

/** The processor and the aggregator as processes, as `npm start` runs them; logs in .stack/logs/rebuild-<app>.log. */
const startApps = (): RunningApps => {
  mkdirSync('.stack/logs', { recursive: true });
  const children = (['enrichment-processor', 'summary-aggregator'] as const).map((app) => {
    const log = createWriteStream(`.stack/logs/rebuild-${app}.log`, { flags: 'a' });
    const child = spawn('bash', ['tools/scripts/run-ts.sh', `apps/${app}/src/main.ts`], {
      env: { ...process.env, PROCESSOR_HEALTH_PORT: '0', AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    return { app, child };
  });
  let stopping = false;
  return {
    exited: Promise.race(
      children.map(
        ({ app, child }) => new Promise<{ app: string; code: number | null }>((resolve) => child.once('exit', (code) => !stopping && resolve({ app, code }))),
      ),
    ),
    async stop() {
      stopping = true;
      await Promise.all(
        children.map(({ child }) =>
          child.exitCode !== null
            ? undefined
            : new Promise<void>((resolve) => {
                child.once('exit', () => resolve());
                child.kill('SIGTERM');
              }),
        ),
      );
    },
  };
};

const rebuild = async (s: OpsSettings, yes: boolean, keepDlq: boolean): Promise<number> => {
  if (!yes) {
    process.stderr.write(
      `rebuild deletes ${s.names.processedTopic}, ${s.names.summariesTopic}, ${s.names.summariesChangelogTopic}${keepDlq ? '' : ` and ${s.names.dlqTopic}`} and the committed positions of ${s.processorGroupId} and ${s.aggregatorGroupId}, then replays ${s.names.topicPrefix}'s input. Run it again with --yes.\n`,
    );
    return 2;
  }
  const db = createStreamingDb(s.pg, { applicationName: 'pipeline-rebuild' });
  try {
    await rebuildPipeline({
      settings: s,
      startApps,
      keepDlq,
      requestSnapshot: async () => void (await requestBlockingSnapshot(db)),
      progress: (line) => process.stderr.write(`▸ ${line}\n`),
    });
  } finally {
    await db.destroy();
  }
  return verify(s, false);
};

const resnapshot = async (s: OpsSettings, clean: boolean): Promise<number> => {
  if (clean) {
    await restartSnapshotCleanly({ connectUrl: s.connectUrl, connector: s.names.connector, slot: s.names.slot, pg: s.pg, log: (l) => out(`▸ ${l}`) });
    out(`${s.names.connector} snapshots afresh; the processor restates the outputs from it (log event processor.snapshot_started); verify once it caught up`);
    return 0;
  }
  const db = createStreamingDb(s.pg, { applicationName: 'pipeline-resnapshot' });
  try {
    const id = await requestBlockingSnapshot(db);
    out(
      `asked ${s.names.connector} for a blocking snapshot of employee_activities (signal ${id}); the processor restates the outputs when its first read arrives (log event processor.snapshot_started)`,
    );
    return 0;
  } finally {
    await db.destroy();
  }
};

const run = async (command: PipelineCommand): Promise<number> => {
  const s = opsSettingsFromEnv(process.env);
  switch (command.kind) {
    case 'verify':
      return verify(s, command.json);
    case 'status': {
      const { earlier, now } = await twoSnapshots(s);
      out(command.json ? toJson({ ...now, rates: Object.fromEntries(topicRates(earlier, now)) }) : formatStatusReport(earlier, now));
      return 0;
    }
    case 'doctor':
      return command.watch ? watchDoctor(s, alertSettingsFromEnv(process.env), command.json, out) : doctor(s, command.json, command.fix);
    case 'tail':
      return tail(s, command.topic, command.fromBeginning, command.json);
    case 'rebuild':
      return rebuild(s, command.yes, command.keepDlq);
    case 'resnapshot':
      return resnapshot(s, command.clean);
    case 'explain':
      return explain(s, command.key, command.json);
    case 'dlq':
      return dlq(s, command);
  }
};

/** Exit codes: 0 all is well, 1 the check found differences or problems, 2 bad usage, configuration or an unreachable dependency. */
const main = async (): Promise<number> => {
  const parsed = parsePipelineArgs(
    process.argv.slice(2),
    pipelineProgram([opsSettingsFromEnv, alertSettingsFromEnv, redriveSettingsFromEnv, (env) => verifyOptionsFromEnv(env, undefined as never)]),
  );
  if (parsed.kind === 'usage') {
    process.stderr.write(`✗ ${parsed.message}\n\n${parsed.text}\n`);
    return 2;
  }
  if (parsed.kind === 'help') {
    out(parsed.text);
    return 0;
  }
  return run(parsed.command);
};

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`✗ pipeline: ${describeFailure(e).text}\n`);
    process.exit(2);
  },
);
