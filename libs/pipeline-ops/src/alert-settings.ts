import { defineSettings, setting, type Env } from '@eap/pipeline-config';

/** When `doctor` (and `doctor --watch`, and the console's banner) raises an alert. */
export interface AlertThresholds {
  /** A consumer group, or the capture, this many seconds behind. */
  readonly lagSeconds: number;
  /** The replication slot retaining this share (0-1) of max_slot_wal_keep_size. */
  readonly slotWalShare: number;
}

export interface AlertSettings extends AlertThresholds {
  /** How often `doctor --watch` looks, in seconds. */
  readonly watchIntervalSeconds: number;
  /** How often `doctor --watch` runs verify, in seconds; 0: never. */
  readonly verifyIntervalSeconds: number;
}

export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = { lagSeconds: 60, slotWalShare: 0.5 };

export const alertSettings = defineSettings(
  'alerts',
  {
    lagSeconds: setting.int('ALERT_LAG_SECONDS', {
      default: DEFAULT_ALERT_THRESHOLDS.lagSeconds,
      min: 1,
      max: 604_800,
      accepts: 'whole seconds from 1 to 604800',
      describe: 'alert when a consumer group (oldest record not yet processed) or the capture (the slot) is this many seconds behind',
    }),
    slotWalPercent: setting.number('ALERT_SLOT_WAL_PERCENT', {
      default: DEFAULT_ALERT_THRESHOLDS.slotWalShare * 100,
      min: 0.01,
      max: 100,
      accepts: 'a percentage from 0.01 to 100',
      describe: 'alert when the replication slot retains this share of max_slot_wal_keep_size (past it, PostgreSQL drops the slot’s WAL)',
    }),
    watchIntervalSeconds: setting.int('DOCTOR_WATCH_INTERVAL_SECONDS', {
      default: 10,
      min: 2,
      max: 3_600,
      accepts: 'whole seconds from 2 to 3600',
      describe: 'how often `doctor --watch` looks at the pipeline',
    }),
    verifyIntervalSeconds: setting.int('DOCTOR_WATCH_VERIFY_SECONDS', {
      default: 300,
      min: 0,
      max: 86_400,
      accepts: 'whole seconds up to 86400 (0: never)',
      describe: 'how often `doctor --watch` runs `verify` and alerts on differences',
    }),
  },
  {
    map: (v): AlertSettings => ({
      lagSeconds: v.lagSeconds,
      slotWalShare: v.slotWalPercent / 100,
      watchIntervalSeconds: v.watchIntervalSeconds,
      verifyIntervalSeconds: v.verifyIntervalSeconds,
    }),
  },
);

export const alertSettingsFromEnv = (env: Env): AlertSettings => alertSettings(env);
