import { createStreamingDb } from '@eap/pg-io';
import {
  alertChanges,
  collectPipelineSnapshot,
  diagnose,
  formatAlertChanges,
  formatDoctorReport,
  toJson,
  verifyOptionsFromEnv,
  verifySummaries,
  type AlertSettings,
  type DoctorFinding,
  type OpsSettings,
  type PipelineSnapshot,
  type VerifyResult,
} from '@eap/pipeline-ops';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * `doctor --watch`: looks every interval and prints what changed: the full report first, then each
 * alert raised, changed or cleared (stamped, with its fix). Verify runs every `verifyIntervalSeconds`;
 * a difference is alerted when two verifies in a row find one, and judged only while nothing is left to read. With `json`, one object per look that changed something.
 * Stops on SIGINT or SIGTERM; exits 1 if a failure is still raised then.
 */
export const watchDoctor = async (s: OpsSettings, alerts: AlertSettings, json: boolean, out: (text: string) => void): Promise<number> => {
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  const db = alerts.verifyIntervalSeconds > 0 ? createStreamingDb(s.pg, { applicationName: 'pipeline-doctor-watch' }) : null;
  // A difference is alerted once two verifies in a row found one: rows committed a moment before a
  // verify, not yet captured, are differences of a moment.
  let verify: VerifyResult | null = null;
  let confirmed: VerifyResult | null = null;
  let verifiedAt = 0;
  let earlier: PipelineSnapshot = await collectPipelineSnapshot(s);
  let previous: readonly DoctorFinding[] | null = null;
  if (!json)
    process.stderr.write(`doctor --watch: every ${alerts.watchIntervalSeconds} s, verify every ${alerts.verifyIntervalSeconds || '-'} s; Ctrl-C to stop\n`);
  try {
    while (!stop.signal.aborted) {
      await sleep(previous === null ? 1_000 : alerts.watchIntervalSeconds * 1_000, stop.signal);
      if (stop.signal.aborted) break;
      const now = await collectPipelineSnapshot(s);
      if (db && now.at - verifiedAt >= alerts.verifyIntervalSeconds * 1_000) {
        const next = await verifySummaries(verifyOptionsFromEnv(process.env, db)).catch(() => null);
        if (next) {
          confirmed = next.ok || (verify !== null && !verify.ok) ? next : confirmed;
          verify = next;
        }
        verifiedAt = now.at;
      }
      const findings = diagnose(earlier, now, { thresholds: alerts, verify: confirmed });
      const changes = alertChanges(previous ?? [], findings);
      if (previous === null) out(json ? toJson({ at: now.at, findings, changes }, 0) : formatDoctorReport(findings));
      else if (changes.length) out(json ? toJson({ at: now.at, changes }, 0) : formatAlertChanges(changes, now.at));
      previous = findings;
      earlier = now;
    }
  } finally {
    await db?.destroy();
  }
  return previous?.some((f) => f.severity === 'fail') ? 1 : 0;
};
