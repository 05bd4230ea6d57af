import { DEFAULT_ALERT_THRESHOLDS, type AlertThresholds } from './alert-settings.js';
import type { DoctorFinding } from './doctor-rules.js';
import { formatSeconds } from './lag-seconds.js';
import type { PipelineSnapshot } from './pipeline-snapshot.js';
import type { VerifyResult } from './verify-summaries.js';

export interface AlertOptions {
  readonly thresholds?: AlertThresholds;
  /** The last verify `doctor --watch` ran, if any. */
  readonly verify?: VerifyResult | null;
}

const ok = (check: string, message: string): DoctorFinding => ({ check, severity: 'ok', message });

/** Each group's lag in seconds against ALERT_LAG_SECONDS (a group with no members is judged by the lag rule). */
const lagSecondsFindings = (now: PipelineSnapshot, limit: number): DoctorFinding[] =>
  now.groups.map((g) => {
    const check = `lag-seconds:${g.app}`;
    if (g.lagSeconds === null) return ok(check, `${g.app}: lag in seconds unknown (the oldest unprocessed record is gone or older than 30 days)`);
    if (g.lagSeconds <= limit) return ok(check, `${g.app}: ${formatSeconds(g.lagSeconds)} behind`);
    return {
      check,
      severity: g.members === 0 ? 'fail' : 'warn',
      message: `${g.app} is ${formatSeconds(g.lagSeconds)} behind on ${g.topic} (${g.lag} records), above ALERT_LAG_SECONDS=${limit}`,
      fix:
        g.members === 0
          ? `start it: npx nx serve ${g.app} (npm start runs it)`
          : 'it reads slower than changes arrive: look at its /metrics and log; more processed partitions and instances share the load',
    };
  });

/** The capture's own lag: what the connector has not confirmed yet, in seconds. */
const captureFinding = (now: PipelineSnapshot, limit: number): DoctorFinding[] => {
  const pg = now.postgres;
  if (pg.kind !== 'up' || !pg.slot?.active) return [];
  const seconds = pg.slot.lagSeconds ?? 0;
  if (seconds <= limit) return [ok('capture', `capture ${formatSeconds(seconds)} behind, ${pg.slot.unconfirmedBytes} bytes unconfirmed`)];
  return [
    {
      check: 'capture',
      severity: 'warn',
      message: `the connector is ${formatSeconds(seconds)} behind PostgreSQL's WAL (${pg.slot.unconfirmedBytes} bytes), above ALERT_LAG_SECONDS=${limit}`,
      fix: "look at the connector's task and Connect's log (npm run stack -- logs connect); a long transaction also holds it back",
    },
  ];
};

/** Dead letters that arrived since the earlier look, by reason. */
const dlqArrivingFinding = (earlier: PipelineSnapshot, now: PipelineSnapshot): DoctorFinding[] => {
  if (!earlier.dlq || !now.dlq) return [];
  const fresh = Object.entries(now.dlq.byReason)
    .map(([reason, n]) => [reason, n - (earlier.dlq?.byReason[reason] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .sort(([, a], [, b]) => b - a);
  if (fresh.length === 0) return [ok('dlq:arriving', `no new records in ${now.dlq.topic}`)];
  const total = fresh.reduce((n, [, k]) => n + k, 0);
  return [
    {
      check: 'dlq:arriving',
      severity: 'warn',
      message: `${total} new record(s) in ${now.dlq.topic} in ${((now.at - earlier.at) / 1000).toFixed(0)} s: ${fresh.map(([r, n]) => `${r} ${n}`).join(', ')}`,
      fix: `read them: npm run pipeline -- tail ${now.dlq.topic}; each reason's fix: docs/operations.md#dlq-reasons-and-their-fixes`,
    },
  ];
};

/** Fewer brokers alive than the settings name, or than at the earlier look. */
const brokersFinding = (earlier: PipelineSnapshot, now: PipelineSnapshot): DoctorFinding[] => {
  if (!now.brokers) return [];
  const { configured, live } = now.brokers;
  const expected = Math.max(configured.length, earlier.brokers?.live.length ?? 0);
  if (live.length >= expected) return [ok('brokers', `${live.length} broker(s) alive: ${live.join(', ')}`)];
  const missing = configured.filter((b) => !live.includes(b));
  return [
    {
      check: 'brokers',
      severity: 'warn',
      message: `${live.length} of ${expected} brokers alive${missing.length ? `; not answering: ${missing.join(', ')}` : ''}`,
      fix: 'start it again (npm run stack -- restart kafka-<n> on the embedded stack); with 3 brokers and min ISR 2, one down loses nothing',
    },
  ];
};

/**
 * The last verify: differences at a quiet moment fail. Under load it is not a verdict: rows the
 * processor or the aggregator has not read yet are differences of a moment.
 */
const verifyFinding = (verify: VerifyResult | null | undefined, now: PipelineSnapshot): DoctorFinding[] => {
  if (!verify) return [];
  if (verify.ok) return [ok('verify', `summaries equal SQL GROUP BY (${verify.report.matched} groups)`)];
  const differences = verify.report.missing.length + verify.report.extra.length + verify.report.mismatched.length;
  if (verify.aggregator.lag > 0n) return [ok('verify', `not judged: the aggregator had ${verify.aggregator.lag} records to read`)];
  const busy = now.groups.find((g) => g.lag > 0n);
  if (busy) return [ok('verify', `not judged: ${busy.app} has ${busy.lag} records to read`)];
  return [
    {
      check: 'verify',
      severity: 'fail',
      message: `${differences} summary group(s) differ from SQL GROUP BY${verify.duplicates.count ? `, ${verify.duplicates.count} change(s) written twice` : ''}`,
      fix: 'npm run pipeline -- verify names them; a rebuild restates the summaries: npm run pipeline -- rebuild',
    },
  ];
};

/** The alerts beyond the manual's problems: lag in seconds, the capture, dead letters arriving, brokers, verify. */
export const alertFindings = (
  earlier: PipelineSnapshot,
  now: PipelineSnapshot,
  { thresholds = DEFAULT_ALERT_THRESHOLDS, verify }: AlertOptions = {},
): DoctorFinding[] => [
  ...brokersFinding(earlier, now),
  ...captureFinding(now, thresholds.lagSeconds),
  ...(now.kafka.up ? lagSecondsFindings(now, thresholds.lagSeconds) : []),
  ...dlqArrivingFinding(earlier, now),
  ...verifyFinding(verify, now),
];
