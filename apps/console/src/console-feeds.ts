import { createConnectClient } from '@eap/connect-io';
import { createStreamingDb, employeeDirectory } from '@eap/pg-io';
import {
  applyConnectorFix,
  collectPipelineSnapshot,
  explainSummaryKey,
  parseSummaryKey,
  redriveDeadLetters,
  type ExplainReport,
  type RedriveResult,
  connectorFixFor,
  probeApp,
  tailTopic,
  verifySummaries,
  type FixAction,
  type PipelineApp,
  type PipelineSnapshot,
} from '@eap/pipeline-ops';
import type { ActivitySummary } from '@eap/windowing';
import type { ConsoleConfig } from './console-config.js';
import type { ConsoleStore } from './console-state.js';
import { pollLoop } from './poll-loop.js';
import { superviseFeed } from './topic-feed.js';

export interface ConsoleFeeds {
  /** Starts a verify unless one is running; resolves when it has started (false: one was running). */
  runVerify(): boolean;
  /** Resumes or restarts the connector as its state needs; says what it did or why it could not. */
  fixConnector(): Promise<{ readonly ok: true; readonly action: FixAction } | { readonly ok: false; readonly error: string }>;
  /** Why a summary has its value (`npm run pipeline -- explain`). */
  explain(key: string): Promise<{ readonly ok: true; readonly report: ExplainReport } | { readonly ok: false; readonly error: string }>;
  /** `dlq redrive --reason <reason> [--dry-run]`; one at a time. */
  redrive(reason: string, dryRun: boolean): Promise<{ readonly ok: true; readonly result: RedriveResult } | { readonly ok: false; readonly error: string }>;
  stop(): Promise<void>;
}

const DLQ_EVERY = 5;

/** Everything the console reads, each part on its own: a part that is down is shown down, never fatal. */
export const startConsoleFeeds = ({
  config,
  store,
  log,
}: {
  config: ConsoleConfig;
  store: ConsoleStore;
  log: (level: 'info' | 'warn', event: string, detail: Record<string, unknown>) => void;
}): ConsoleFeeds => {
  const { ops } = config;
  const db = createStreamingDb(ops.pg, { applicationName: 'pipeline-console' });
  let reads = 0;
  let previous: PipelineSnapshot | null = null;
  const snapshots = pollLoop(
    async () => {
      const withDlq = reads++ % DLQ_EVERY === 0 || previous?.dlq === null;
      const s = await collectPipelineSnapshot(ops, { dlq: withDlq });
      previous = withDlq ? s : { ...s, dlq: s.dlq && previous?.dlq ? previous.dlq : s.dlq };
      store.onSnapshot(previous);
    },
    config.refreshMs,
    (e) => log('warn', 'console.snapshot_failed', { message: e.message }),
  );
  const apps = pollLoop(
    async () =>
      store.onApps(await Promise.all((Object.entries(config.apps) as [PipelineApp, string][]).map(([app, address]) => probeApp(app, address))), Date.now()),
    config.refreshMs,
    (e) => log('warn', 'console.apps_failed', { message: e.message }),
  );
  const employees = pollLoop(
    async () => store.onEmployees(await employeeDirectory(db)),
    30_000,
    (e) => log('warn', 'console.employees_failed', { message: e.message }),
  );

  const onState = (name: string) => (state: Parameters<ConsoleStore['onFeed']>[1]) => {
    store.onFeed(name, state);
    if (state.kind === 'retrying') log('warn', 'console.feed_retrying', { feed: name, message: state.error });
  };
  const feeds = [
    superviseFeed({
      onState: onState('events'),
      start: (onCrash) =>
        tailTopic({
          settings: ops,
          topic: ops.names.processedTopic,
          fromBeginning: false,
          lastPerPartition: config.eventsKept,
          clientId: 'pipeline-console',
          onCrash,
          onRecord: (r) => store.onEvents([r], Date.now()),
        }),
    }),
    superviseFeed({
      onState: onState('dlq'),
      start: (onCrash) =>
        tailTopic({
          settings: ops,
          topic: ops.names.dlqTopic,
          fromBeginning: false,
          lastPerPartition: config.dlqKept,
          clientId: 'pipeline-console',
          onCrash,
          onRecord: (r) => store.onDlq([r], Date.now()),
        }),
    }),
    superviseFeed({
      onState: onState('summaries'),
      start: (onCrash) =>
        tailTopic({
          settings: ops,
          topic: ops.names.summariesTopic,
          fromBeginning: true,
          clientId: 'pipeline-console',
          onCrash,
          onRecord: (r) => {
            if (r.key === null) return;
            if (r.encoding === 'tombstone') store.onSummary(r.key, null, Date.now());
            else if (r.encoding === 'avro') store.onSummary(r.key, r.value as ActivitySummary, Date.now());
          },
        }),
    }),
  ];

  let redriving = false;
  return {
    async redrive(reason, dryRun) {
      if (!reason) return { ok: false, error: 'no reason given' };
      if (redriving) return { ok: false, error: 'a redrive is already running' };
      redriving = true;
      try {
        const result = await redriveDeadLetters({ settings: ops, db, filter: { reasons: [reason] }, ...config.redrive, dryRun });
        log('info', 'console.dlq_redrive', { reason, dryRun, records: result.outcomes.length });
        return { ok: true, result };
      } catch (e) {
        return { ok: false, error: (e as Error).message.split('\n')[0] ?? String(e) };
      } finally {
        redriving = false;
      }
    },
    async explain(key) {
      const parsed = parseSummaryKey(key);
      if (parsed.kind === 'invalid') return { ok: false, error: parsed.detail };
      try {
        return { ok: true, report: await explainSummaryKey(ops, db, key, parsed.parts) };
      } catch (e) {
        return { ok: false, error: (e as Error).message.split('\n')[0] ?? String(e) };
      }
    },
    runVerify() {
      const current = store.state.verify;
      if (current.kind === 'running') return false;
      store.onVerify({ kind: 'running', since: Date.now(), previous: current });
      log('info', 'console.verify_started', {});
      verifySummaries({
        brokers: ops.brokers,
        registryUrl: ops.registryUrl,
        names: ops.names,
        aggregatorGroupId: ops.aggregatorGroupId,
        retentionHours: config.retentionHours,
        db,
      }).then(
        (result) => {
          store.onVerify({ kind: 'done', at: Date.now(), result });
          log('info', 'console.verify_done', {
            ok: result.ok,
            matched: result.report.matched,
            mismatched: result.report.mismatched.length,
            missing: result.report.missing.length,
            extra: result.report.extra.length,
          });
        },
        (e: Error) => store.onVerify({ kind: 'failed', at: Date.now(), error: e.message.split('\n')[0] ?? String(e) }),
      );
      return true;
    },
    async fixConnector() {
      let status;
      try {
        status = await createConnectClient({ baseUrl: ops.connectUrl, timeoutMs: 5_000 }).status(ops.names.connector);
      } catch (e) {
        return { ok: false, error: `Connect at ${ops.connectUrl} is not answering: ${(e as Error).message}` };
      }
      const action = connectorFixFor(status ?? 'missing');
      if (action === null)
        return { ok: false, error: `connector ${ops.names.connector} is not registered; npm start (or the connector-registrar) registers it` };
      await applyConnectorFix(ops.connectUrl, ops.names.connector, action);
      log('info', 'console.connector_fixed', { connector: ops.names.connector, action });
      setTimeout(() => snapshots.now(), 1_000).unref();
      return { ok: true, action };
    },
    async stop() {
      snapshots.stop();
      apps.stop();
      employees.stop();
      await Promise.all(feeds.map((f) => f.stop()));
      await db.destroy();
    },
  };
};
