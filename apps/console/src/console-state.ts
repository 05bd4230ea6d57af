import type {
  AlertThresholds,
  AppProbe,
  DoctorFinding,
  GroupMember,
  HistogramSample,
  PipelineApp,
  PipelineSnapshot,
  TailedRecord,
  VerifyResult,
} from '@eap/pipeline-ops';
import { DEFAULT_ALERT_THRESHOLDS, diagnose, histogramQuantile, histogramSince } from '@eap/pipeline-ops';
import type { ActivitySummary } from '@eap/windowing';
import { memberChanges, recentChanges, type MemberChange } from './member-changes.js';
import { createSummaryTable, type SummaryTable } from './summary-table.js';

export interface Point {
  readonly at: number;
  readonly value: number;
}

export interface LatencyFigures {
  readonly p50: number | null;
  readonly p99: number | null;
  /** Observations the figures are over (the last minute or so). */
  readonly count: number;
  readonly windowSeconds: number;
}

export type VerifyState =
  | { readonly kind: 'never' }
  | { readonly kind: 'running'; readonly since: number; readonly previous: VerifyState }
  | { readonly kind: 'done'; readonly at: number; readonly result: VerifyResult }
  | { readonly kind: 'failed'; readonly at: number; readonly error: string };

export type FeedState =
  | { readonly kind: 'starting' }
  | { readonly kind: 'following'; readonly since: number }
  | { readonly kind: 'retrying'; readonly error: string; readonly at: number };

export interface ReceivedRecord {
  readonly record: TailedRecord;
  readonly receivedAt: number;
}

/** Everything the page shows, bounded: rings for events, DLQ records and history, hours for summaries. */
export interface ConsoleState {
  readonly snapshot: PipelineSnapshot | null;
  readonly apps: readonly AppProbe[];
  readonly topicHistory: ReadonlyMap<string, readonly Point[]>;
  readonly groupHistory: ReadonlyMap<string, readonly Point[]>;
  /** Per group id, its lag in seconds over time (unknown readings left out). */
  readonly groupSecondsHistory: ReadonlyMap<string, readonly Point[]>;
  /** The capture's lag (slot) in bytes not yet confirmed by the connector, over time. */
  readonly captureHistory: readonly Point[];
  /** Per group id, the members that joined or left it in the last minute, oldest first. */
  readonly memberChanges: ReadonlyMap<string, readonly MemberChange[]>;
  /** When the console first saw each component up in its current run of being up (epoch ms). */
  readonly upSince: ReadonlyMap<string, number>;
  readonly events: readonly ReceivedRecord[];
  readonly dlq: readonly ReceivedRecord[];
  readonly summaries: SummaryTable;
  readonly latency: Readonly<Record<'enriched' | 'summary', LatencyFigures | null>>;
  readonly verify: VerifyState;
  readonly feeds: ReadonlyMap<string, FeedState>;
  readonly employees: ReadonlyMap<number, { readonly name: string; readonly department: string }>;
  /** `doctor`'s findings that are not ok (the banner), judged against the snapshot about `alertSpanMs` earlier. */
  readonly alerts: readonly DoctorFinding[];
  /** Bumped on every change, so that pushers can tell whether to render. */
  readonly version: number;
}

export interface ConsoleStore {
  readonly state: ConsoleState;
  onSnapshot(s: PipelineSnapshot): void;
  onApps(apps: readonly AppProbe[], at: number): void;
  onEvents(records: readonly TailedRecord[], at: number): void;
  onDlq(records: readonly TailedRecord[], at: number): void;
  onSummary(key: string, summary: ActivitySummary | null, at: number): void;
  onVerify(v: VerifyState): void;
  onFeed(name: string, feed: FeedState): void;
  onEmployees(employees: ReadonlyMap<number, { readonly name: string; readonly department: string }>): void;
}

const pushBounded = <T>(list: T[], item: T, max: number) => {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
};

/** A follower started again reads the last records again: keep each (partition, offset) once. */
const pushNew = (list: ReceivedRecord[], record: TailedRecord, at: number, max: number) => {
  if (!list.some((e) => e.record.partition === record.partition && e.record.offset === record.offset)) pushBounded(list, { record, receivedAt: at }, max);
};

const LATENCY_APPS: Readonly<Record<'enriched' | 'summary', PipelineApp>> = { enriched: 'enrichment-processor', summary: 'summary-aggregator' };

export const createConsoleStore = ({
  historyPoints,
  eventsKept,
  dlqKept,
  summaryHours,
  latencyWindowMs = 60_000,
  thresholds = DEFAULT_ALERT_THRESHOLDS,
  alertSpanMs = 30_000,
}: {
  historyPoints: number;
  eventsKept: number;
  dlqKept: number;
  summaryHours: number;
  latencyWindowMs?: number;
  thresholds?: AlertThresholds;
  /** Trends (dead letters arriving, lag growing, a broker gone) are judged over about this long. */
  alertSpanMs?: number;
}): ConsoleStore => {
  const recentSnapshots: PipelineSnapshot[] = [];
  const topicHistory = new Map<string, Point[]>();
  const groupHistory = new Map<string, Point[]>();
  const groupSecondsHistory = new Map<string, Point[]>();
  const captureHistory: Point[] = [];
  const groupMembers = new Map<string, readonly GroupMember[]>();
  const changesByGroup = new Map<string, readonly MemberChange[]>();
  const upSince = new Map<string, number>();
  const latencySamples = new Map<PipelineApp, { at: number; sample: HistogramSample }[]>();
  const events: ReceivedRecord[] = [];
  const dlq: ReceivedRecord[] = [];
  const feeds = new Map<string, FeedState>();
  const summaries = createSummaryTable({ maxWindows: summaryHours });
  const state = {
    snapshot: null as PipelineSnapshot | null,
    apps: [] as readonly AppProbe[],
    topicHistory,
    groupHistory,
    groupSecondsHistory,
    captureHistory,
    memberChanges: changesByGroup,
    upSince,
    events,
    dlq,
    summaries,
    latency: { enriched: null, summary: null } as Record<'enriched' | 'summary', LatencyFigures | null>,
    verify: { kind: 'never' } as VerifyState,
    feeds,
    employees: new Map() as ReadonlyMap<number, { readonly name: string; readonly department: string }>,
    alerts: [] as readonly DoctorFinding[],
    version: 0,
  };
  const seen = (component: string, up: boolean, at: number, startedAt?: number) => {
    if (!up) upSince.delete(component);
    else if (startedAt !== undefined) upSince.set(component, startedAt);
    else if (!upSince.has(component)) upSince.set(component, at);
  };
  const changed = () => void state.version++;
  const lastVerify = (v: VerifyState): VerifyResult | null => (v.kind === 'done' ? v.result : v.kind === 'running' ? lastVerify(v.previous) : null);
  const judge = () => {
    const now = recentSnapshots[recentSnapshots.length - 1];
    if (!now) return;
    state.alerts = diagnose(recentSnapshots[0]!, now, { thresholds, verify: lastVerify(state.verify) }).filter((f) => f.severity !== 'ok');
  };
  return {
    state,
    onSnapshot(s) {
      state.snapshot = s;
      recentSnapshots.push(s);
      while (recentSnapshots.length > 2 && recentSnapshots[1]!.at <= s.at - alertSpanMs) recentSnapshots.shift();
      judge();
      seen('postgres', s.postgres.kind === 'up', s.at, s.postgres.kind === 'up' ? s.postgres.startedAt : undefined);
      for (const c of ['kafka', 'connect', 'registry'] as const) seen(c, s[c].up, s.at);
      if (s.postgres.kind === 'up' && s.postgres.slot) pushBounded(captureHistory, { at: s.at, value: s.postgres.slot.unconfirmedBytes }, historyPoints);
      for (const t of s.topics) {
        if (!t.exists) continue;
        const list = topicHistory.get(t.topic) ?? [];
        topicHistory.set(t.topic, list);
        pushBounded(list, { at: s.at, value: Number(t.endOffset) }, historyPoints);
      }
      for (const g of s.groups) {
        const list = groupHistory.get(g.groupId) ?? [];
        groupHistory.set(g.groupId, list);
        pushBounded(list, { at: s.at, value: Number(g.lag) }, historyPoints);
        const seconds = groupSecondsHistory.get(g.groupId) ?? [];
        groupSecondsHistory.set(g.groupId, seconds);
        if (g.lagSeconds !== null) pushBounded(seconds, { at: s.at, value: g.lagSeconds }, historyPoints);
        // Compared with the group's last read (Kafka down reads no groups: nothing joins or leaves then).
        const before = groupMembers.get(g.groupId);
        const fresh = before ? memberChanges(before, g.memberDetails, s.at) : [];
        changesByGroup.set(g.groupId, recentChanges([...(changesByGroup.get(g.groupId) ?? []), ...fresh], s.at));
        groupMembers.set(g.groupId, g.memberDetails);
      }
      changed();
    },
    onApps(apps, at) {
      state.apps = apps;
      for (const a of apps) {
        seen(a.app, a.up, at, a.up && a.uptimeSeconds !== null ? at - a.uptimeSeconds * 1000 : undefined);
        if (!a.up || !a.latency) continue;
        const list = latencySamples.get(a.app) ?? [];
        latencySamples.set(a.app, list);
        list.push({ at, sample: a.latency });
        while (list.length > 2 && list[1]!.at <= at - latencyWindowMs) list.shift();
      }
      for (const [figure, app] of Object.entries(LATENCY_APPS) as ['enriched' | 'summary', PipelineApp][]) {
        const list = latencySamples.get(app);
        const probe = apps.find((a) => a.app === app);
        if (!list?.length || !probe?.up) {
          state.latency[figure] = null;
          continue;
        }
        const last = list[list.length - 1]!;
        const first = list.length > 1 ? list[0]! : null;
        const recent = histogramSince(last.sample, first?.sample ?? null);
        state.latency[figure] = {
          p50: histogramQuantile(0.5, recent),
          p99: histogramQuantile(0.99, recent),
          count: recent.count,
          windowSeconds: first ? Math.round((last.at - first.at) / 1000) : 0,
        };
      }
      changed();
    },
    onEvents(records, at) {
      for (const record of records) pushNew(events, record, at, eventsKept);
      changed();
    },
    onDlq(records, at) {
      for (const record of records) pushNew(dlq, record, at, dlqKept);
      changed();
    },
    onSummary(key, summary, at) {
      summaries.apply(key, summary, at);
      changed();
    },
    onVerify(v) {
      state.verify = v;
      judge();
      changed();
    },
    onFeed(name, feed) {
      feeds.set(name, feed);
      changed();
    },
    onEmployees(employees) {
      state.employees = employees;
      changed();
    },
  };
};
