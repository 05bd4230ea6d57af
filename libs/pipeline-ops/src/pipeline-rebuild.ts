import { createTopicAdmin, type TopicAdmin } from '@eap/kafka-io';
import { PipelineError, sourceTopics } from '@eap/pipeline-config';
import { redriveLedgerTopic } from './redrive-ledger.js';
import type { OpsSettings } from './ops-settings.js';

/** The apps, run by the caller for the replay (the CLI starts them as processes). */
export interface RunningApps {
  stop(): Promise<void>;
  /** Resolves when one of them exits on its own, with its name and code. */
  readonly exited: Promise<{ readonly app: string; readonly code: number | null }>;
}

export interface RebuildDeps {
  readonly settings: OpsSettings;
  readonly startApps: () => RunningApps;
  /** Asks Debezium for a blocking snapshot of the activities table (a signal-table row). */
  readonly requestSnapshot: () => Promise<void>;
  readonly progress: (line: string) => void;
  /** Keep the DLQ (its records come again from the replay otherwise). */
  readonly keepDlq?: boolean;
  readonly pollMs?: number;
  readonly timeoutMs?: number;
}

/** Why a rebuild stopped: the apps still running (stop them first), one exiting, or the catch-up too slow. */
export class RebuildError extends PipelineError {
  override readonly name = 'RebuildError';
  constructor(
    override readonly code: 'apps_running' | 'app_exited' | 'timeout',
    message: string,
  ) {
    super('state', code, message, { retriable: false });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Input offsets the group has not committed past, over the topic's partitions (a missing topic: 0). */
const lagOf = async (admin: TopicAdmin, groupId: string, topic: string): Promise<{ lag: bigint; end: bigint }> => {
  if (!(await admin.listTopics()).includes(topic)) return { lag: 0n, end: 0n };
  const [ends, committed] = await Promise.all([admin.endOffsets(topic), admin.committedOffsets(groupId, topic)]);
  let lag = 0n;
  let end = 0n;
  for (const [partition, high] of ends) {
    const c = committed.get(partition)?.offset ?? -1n;
    lag += high - (c >= 0n ? c : 0n);
    end += high;
  }
  return { lag, end };
};

/**
 * Resets the outputs and replays the inputs, deliberately: refuses while the apps run, deletes their
 * groups (committed positions) and output topics, asks Debezium for a snapshot when the input no
 * longer holds its beginning (retention), runs the apps until both have read everything, then stops
 * them. The caller runs `verify` after it.
 */
export const rebuildPipeline = async ({
  settings: s,
  startApps,
  requestSnapshot,
  progress,
  keepDlq = false,
  pollMs = 2_000,
  timeoutMs = 3_600_000,
}: RebuildDeps): Promise<void> => {
  const admin = await createTopicAdmin({ brokers: s.brokers, clientId: 'pipeline-rebuild' });
  const activities = sourceTopics(s.names).activities;
  try {
    for (const [app, group] of [
      ['enrichment processor', s.processorGroupId],
      ['summary aggregator', s.aggregatorGroupId],
    ] as const) {
      const { members } = await admin.groupState(group);
      if (members > 0)
        throw new RebuildError(
          'apps_running',
          `the ${app} is running (group ${group} has ${members} member${members > 1 ? 's' : ''}): stop it first (Ctrl-C in npm start, or stop nx serve)`,
        );
    }
    const outputs = [
      s.names.processedTopic,
      s.names.summariesTopic,
      s.names.summariesChangelogTopic,
      ...(keepDlq ? [] : [s.names.dlqTopic, redriveLedgerTopic(s.names.dlqTopic)]),
    ];
    progress(`deleting the committed positions of ${s.processorGroupId} and ${s.aggregatorGroupId}`);
    for (const group of [s.processorGroupId, s.aggregatorGroupId]) await admin.deleteGroups([group]).catch(() => undefined);
    progress(`deleting the outputs: ${outputs.join(', ')}`);
    await admin.deleteTopics(outputs);
    const [range] = await admin.offsetRanges(activities);
    const needsSnapshot = range !== undefined && range.low > 0n;
    const inputEnd = range?.high ?? 0n;
    if (needsSnapshot) {
      progress(
        `${activities} starts at offset ${range.low} (earlier records were deleted by retention): asking Debezium for a blocking snapshot, which restates the table`,
      );
      await requestSnapshot();
    }
    progress(`replaying ${activities} from its beginning (${inputEnd - (range?.low ?? 0n)} records)`);
    const apps = startApps();
    let exited: { app: string; code: number | null } | undefined;
    void apps.exited.then((e) => (exited = e));
    try {
      const deadline = Date.now() + timeoutMs;
      let quiet = 0;
      for (;;) {
        await sleep(pollMs);
        if (exited) throw new RebuildError('app_exited', `the ${exited.app} exited with ${exited.code}; see its log`);
        const processor = await lagOf(admin, s.processorGroupId, activities);
        const aggregator = await lagOf(admin, s.aggregatorGroupId, s.names.processedTopic);
        const done = (end: bigint, lag: bigint) => `${end - lag}/${end}`;
        progress(`processor ${done(processor.end, processor.lag)} input offsets · aggregator ${done(aggregator.end, aggregator.lag)} input offsets`);
        const grown = !needsSnapshot || processor.end > inputEnd;
        quiet = processor.lag === 0n && aggregator.lag === 0n && grown ? quiet + 1 : 0;
        if (quiet >= 2) break;
        if (Date.now() > deadline) throw new RebuildError('timeout', `not caught up after ${timeoutMs / 1000} s`);
      }
    } finally {
      await apps.stop();
    }
    progress('replayed; the apps are stopped (start them again with npm start or nx serve)');
  } finally {
    await admin.close();
  }
};
