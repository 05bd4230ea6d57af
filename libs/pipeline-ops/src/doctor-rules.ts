import { alertFindings, type AlertOptions } from './alert-rules.js';
import { DEFAULT_ALERT_THRESHOLDS } from './alert-settings.js';
import { connectorFinding } from './connector-finding.js';
import type { PipelineSnapshot } from './pipeline-snapshot.js';

export type FindingSeverity = 'ok' | 'warn' | 'fail';

/** What `doctor --fix` may do about a finding. */
export type FixAction = 'resume_connector' | 'restart_connector';

export interface DoctorFinding {
  readonly check: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** What to do, as a command where there is one. */
  readonly fix?: string;
  readonly action?: FixAction;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MB`;
const ok = (check: string, message: string): DoctorFinding => ({ check, severity: 'ok', message });

/** Growth of a group's lag between two samples that counts as "falling behind" (records). */
const GROWING_LAG = 1_000n;

/**
 * The manual's common problems and a few more, judged on two snapshots taken a moment apart (the
 * second one decides; the first shows trends). Pure: the CLI and the console show the same findings.
 */
export const diagnose = (earlier: PipelineSnapshot, now: PipelineSnapshot, options: AlertOptions = {}): readonly DoctorFinding[] => {
  const { slotWalShare } = options.thresholds ?? DEFAULT_ALERT_THRESHOLDS;
  const findings: DoctorFinding[] = [];
  const pg = now.postgres;
  if (pg.kind === 'down') {
    const fix = {
      unreachable: 'start it: npm run stack -- up (or point PGHOST/PGPORT at your server)',
      bad_credentials: 'check PGUSER and PGPASSWORD, or the pgpass file (PGPASSFILE, default .stack/secrets/pgpass)',
      no_database: 'create and migrate it: npm start does, or bash tools/scripts/run-ts.sh apps/connector-registrar/src/main.ts',
      error: 'see the message; npm run stack -- logs postgres',
    }[pg.reason];
    findings.push({ check: 'postgres', severity: 'fail', message: `PostgreSQL at ${pg.address}: ${pg.reason.replace('_', ' ')} (${pg.detail})`, fix });
  } else {
    findings.push(ok('postgres', `PostgreSQL ${pg.serverVersion.split(' ')[0]} at ${pg.address}`));
    findings.push(
      pg.walLevel === 'logical'
        ? ok('wal_level', 'wal_level = logical')
        : {
            check: 'wal_level',
            severity: 'fail',
            message: `wal_level is ${pg.walLevel}: Debezium needs logical decoding`,
            fix: 'ALTER SYSTEM SET wal_level = logical; then restart PostgreSQL (npm run stack -- down && npm run stack -- up)',
          },
    );
    const slot = pg.slot;
    if (slot === null) {
      findings.push({
        check: 'slot',
        severity: 'fail',
        message: `replication slot ${pg.slotName} does not exist: nothing captures changes`,
        fix: 'register the connector (it creates the slot): bash tools/scripts/run-ts.sh apps/connector-registrar/src/main.ts',
      });
    } else {
      const limit = pg.maxSlotWalKeepBytes;
      const share = limit > 0 ? slot.retainedBytes / limit : 0;
      if (slot.walStatus === 'lost')
        findings.push({
          check: 'slot',
          severity: 'fail',
          message: `slot ${pg.slotName} lost WAL it needed (retained more than max_slot_wal_keep_size)`,
          fix: 'reset the source: npm run stack -- reset (a new snapshot replays the table)',
        });
      else if (!slot.active)
        findings.push({
          check: 'slot',
          severity: 'warn',
          message: `slot ${pg.slotName} is not active: no connector reads it, and it retains ${mb(slot.retainedBytes)} of WAL`,
          fix: 'start the connector (see the connector check); drop the slot if the pipeline is gone',
        });
      else if (share >= slotWalShare)
        findings.push({
          check: 'slot',
          severity: 'warn',
          message: `slot ${pg.slotName} retains ${mb(slot.retainedBytes)} of WAL, ${(share * 100).toFixed(share < 0.1 ? 2 : 0)} % of max_slot_wal_keep_size (${mb(limit)}), above ALERT_SLOT_WAL_PERCENT=${+(slotWalShare * 100).toFixed(2)}`,
          fix: "the connector is behind: check its task and Connect's log (npm run stack -- logs connect)",
        });
      else findings.push(ok('slot', `slot ${pg.slotName} active, retaining ${mb(slot.retainedBytes)} of WAL${limit > 0 ? ` (limit ${mb(limit)})` : ''}`));
    }
  }
  for (const [check, probe, fix] of [
    ['kafka', now.kafka, 'start it: npm run stack -- up (or set KAFKA_BROKERS)'],
    ['connect', now.connect, 'start it: npm run stack -- up (or set CONNECT_URL); its log: npm run stack -- logs connect'],
    ['registry', now.registry, 'start it: npm run stack -- up (or set SCHEMA_REGISTRY_URL); its log: npm run stack -- logs registry'],
  ] as const) {
    findings.push(
      probe.up
        ? ok(check, `${check} at ${probe.address}: ${probe.detail}`)
        : { check, severity: 'fail', message: `${check} is not reachable at ${probe.address} (${probe.error})`, fix },
    );
  }
  const connector = connectorFinding(now);
  if (connector) findings.push(connector);
  for (const g of now.groups) {
    const before = earlier.groups.find((x) => x.groupId === g.groupId);
    const check = `lag:${g.app}`;
    if (g.lag > 0n && g.members === 0) {
      findings.push({
        check,
        severity: 'fail',
        message: `consumer group ${g.groupId} (${g.app}) has no members and is ${g.lag} records behind on ${g.topic}`,
        fix: `start it: npx nx serve ${g.app} (npm start runs it)`,
      });
    } else if (before && g.lag - before.lag >= GROWING_LAG) {
      findings.push({
        check,
        severity: 'warn',
        message: `${g.app} is falling behind: lag ${before.lag} -> ${g.lag} records in ${((now.at - earlier.at) / 1000).toFixed(1)} s`,
        fix: `look at its metrics and log; more partitions and instances share the load`,
      });
    } else findings.push(ok(check, `${g.app}: lag ${g.lag} (${g.members} member(s), ${g.state})`));
  }
  if (now.dlq && now.dlq.total > 0) {
    const reasons = Object.entries(now.dlq.byReason)
      .sort(([, a], [, b]) => b - a)
      .map(([r, n]) => `${r} ${n}`)
      .join(', ');
    findings.push({
      check: 'dlq',
      severity: 'warn',
      message: `${now.dlq.total} record(s) in ${now.dlq.topic}: ${reasons}`,
      fix: `read them: npm run pipeline -- tail ${now.dlq.topic} --from-beginning`,
    });
  } else if (now.dlq) findings.push(ok('dlq', `${now.dlq.topic} is empty`));
  return [...findings, ...alertFindings(earlier, now, options)];
};

export const worstSeverity = (findings: readonly DoctorFinding[]): FindingSeverity =>
  findings.some((f) => f.severity === 'fail') ? 'fail' : findings.some((f) => f.severity === 'warn') ? 'warn' : 'ok';
