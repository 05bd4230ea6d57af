import { ConfigError, type Env } from '@eap/pipeline-config';
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

/** A bad setting: the shared ConfigError (message `<SETTING>: ...`), under this lib's name. */
export class WindowingConfigError extends ConfigError {
  override readonly name = 'WindowingConfigError';
}

/**
 * Reads WINDOW_GRACE_SECONDS, WINDOW_MAX_SKEW_SECONDS, WINDOW_RETENTION_HOURS and
 * WINDOW_IDLE_ADVANCE_SECONDS (unset or empty: the default). Throws a WindowingConfigError naming
 * the setting and what it accepts.
 */
export const parseWindowingConfig = (env: Env): WindowingConfig => {
  const d = defaultWindowingConfig;
  const retentionHours = read(env, 'WINDOW_RETENTION_HOURS', d.retentionHours, 1, 'a whole number of hours, at least 1');
  const graceSeconds = read(env, 'WINDOW_GRACE_SECONDS', d.graceSeconds, 0, 'a whole number of seconds, 0 or more');
  if (graceSeconds >= retentionHours * 3600) {
    fail('WINDOW_GRACE_SECONDS', `a whole number of seconds below WINDOW_RETENTION_HOURS (${retentionHours} h)`, String(graceSeconds));
  }
  return {
    graceSeconds,
    maxSkewSeconds: read(env, 'WINDOW_MAX_SKEW_SECONDS', d.maxSkewSeconds, 0, 'a whole number of seconds, 0 or more'),
    retentionHours,
    idleAdvanceSeconds: read(env, 'WINDOW_IDLE_ADVANCE_SECONDS', d.idleAdvanceSeconds, 0, 'a whole number of seconds (0 turns idle advance off)'),
  };
};

const read = (env: Env, name: string, fallback: number, min: number, allowed: string): number => {
  const raw = env[name] === '' ? undefined : env[name];
  if (raw === undefined) return fallback;
  const value = /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  return value >= min ? value : fail(name, allowed, raw);
};

const fail = (name: string, allowed: string, raw: string): never => {
  throw new WindowingConfigError(name, `must be ${allowed}, got "${raw}"`);
};
