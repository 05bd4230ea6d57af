import { defineSettings, setting, type Env, type SettingsSchema } from '@eap/pipeline-config';
/** Watermark and retention settings of SPEC section 6. */
export interface WindowingConfig {
  /** The watermark trails the highest event time by this much. */
  readonly graceSeconds: number;
  /** A row never pushes the watermark further than this ahead of the wall clock. */
  readonly maxSkewSeconds: number;
  /** Closed windows take corrections this long after their end; older changes are `late`. */
  readonly retentionHours: number;
  /** After this long without input, the watermark follows the wall clock (minus grace); 0 turns it off. */
  readonly idleAdvanceSeconds: number;
}

export const defaultWindowingConfig: WindowingConfig = {
  graceSeconds: 60,
  maxSkewSeconds: 300,
  retentionHours: 168,
  idleAdvanceSeconds: 0,
};

const SECONDS = 'a whole number of seconds, 0 or more';
const MAX = 999_999_999;
const d = defaultWindowingConfig;

/**
 * WINDOW_GRACE_SECONDS, WINDOW_MAX_SKEW_SECONDS, WINDOW_RETENTION_HOURS and WINDOW_IDLE_ADVANCE_SECONDS
 * (unset or empty: the default); the grace must be shorter than the retention.
 */
export const windowingSettings: SettingsSchema<WindowingConfig> = defineSettings(
  'windowing',
  {
    graceSeconds: setting.int('WINDOW_GRACE_SECONDS', {
      default: d.graceSeconds,
      min: 0,
      max: MAX,
      accepts: SECONDS,
      describe: 'the watermark trails the highest event time by this much (below WINDOW_RETENTION_HOURS)',
    }),
    maxSkewSeconds: setting.int('WINDOW_MAX_SKEW_SECONDS', {
      default: d.maxSkewSeconds,
      min: 0,
      max: MAX,
      accepts: SECONDS,
      describe: 'a row never pushes the watermark further than this ahead of the wall clock',
    }),
    retentionHours: setting.int('WINDOW_RETENTION_HOURS', {
      default: d.retentionHours,
      min: 1,
      max: MAX,
      accepts: 'a whole number of hours, at least 1',
      describe: 'closed windows take corrections this long after their end; older changes are `late`',
    }),
    idleAdvanceSeconds: setting.int('WINDOW_IDLE_ADVANCE_SECONDS', {
      default: d.idleAdvanceSeconds,
      min: 0,
      max: MAX,
      accepts: 'a whole number of seconds (0 turns idle advance off)',
      describe: 'after this long without input, the watermark follows the wall clock (minus grace)',
    }),
  },
  {
    check: (v, { fail }) => {
      if (v.graceSeconds >= v.retentionHours * 3600) {
        fail('WINDOW_GRACE_SECONDS', `a whole number of seconds below WINDOW_RETENTION_HOURS (${v.retentionHours} h)`, String(v.graceSeconds));
      }
    },
  },
);

/** Reads the WINDOW_* settings; throws a ConfigError naming the setting and what it accepts. */
export const parseWindowingConfig = (env: Env): WindowingConfig => windowingSettings(env);
