import { ConfigError, type Env } from '@eap/pipeline-config';
/** Thresholds and hours of SPEC section 5; the defaults are the manual's. */
export interface EnrichmentConfig {
  /** Durations below this many seconds are `short`. */
  readonly shortSessionSeconds: number;
  /** Durations of at least this many seconds are `long`; between the two, `medium`. */
  readonly longSessionSeconds: number;
  /** First business hour of the day (0-23). */
  readonly businessHoursStart: number;
  /** Last business hour of the day, inclusive (0-23): 17 means until 17:59:59.999999. */
  readonly businessHoursEnd: number;
}

export const defaultEnrichmentConfig: EnrichmentConfig = {
  shortSessionSeconds: 30,
  longSessionSeconds: 300,
  businessHoursStart: 9,
  businessHoursEnd: 17,
};

/** A bad setting: the shared ConfigError (message `<SETTING>: ...`), under this lib's name. */
export class EnrichmentConfigError extends ConfigError {
  override readonly name = 'EnrichmentConfigError';
}

/**
 * Reads ENRICH_SHORT_SESSION_SECONDS, ENRICH_LONG_SESSION_SECONDS, ENRICH_BUSINESS_HOURS_START and
 * ENRICH_BUSINESS_HOURS_END (unset or empty: the default) and validates them together.
 * Throws an EnrichmentConfigError naming the setting and what it accepts.
 */
export const parseEnrichmentConfig = (env: Env): EnrichmentConfig => {
  const d = defaultEnrichmentConfig;
  const short = readSetting(env, 'ENRICH_SHORT_SESSION_SECONDS', d.shortSessionSeconds, 1, 999_999_999, 'a positive integer');
  const long = readSetting(env, 'ENRICH_LONG_SESSION_SECONDS', d.longSessionSeconds, 1, 999_999_999, 'a positive integer');
  const start = readSetting(env, 'ENRICH_BUSINESS_HOURS_START', d.businessHoursStart, 0, 23, 'an hour 0-23');
  const end = readSetting(env, 'ENRICH_BUSINESS_HOURS_END', d.businessHoursEnd, 0, 23, 'an hour 0-23');
  ordered(short, long, { strict: true });
  ordered(start, end, { strict: false });
  return {
    shortSessionSeconds: short.value,
    longSessionSeconds: long.value,
    businessHoursStart: start.value,
    businessHoursEnd: end.value,
  };
};

interface Setting {
  readonly name: string;
  readonly raw: string | undefined;
  readonly value: number;
  readonly what: string;
}

const readSetting = (env: Env, name: string, fallback: number, min: number, max: number, what: string): Setting => {
  const raw = env[name] === '' ? undefined : env[name];
  const value = raw === undefined ? fallback : /^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) fail(name, what, raw);
  return { name, raw, value, what };
};

/** Checks low < high (strict) or low <= high, blaming the one the user set (the high one if both were). */
const ordered = (low: Setting, high: Setting, { strict }: { readonly strict: boolean }): void => {
  if (strict ? low.value < high.value : low.value <= high.value) return;
  const [lowWord, highWord] = strict ? ['below', 'above'] : ['not after', 'not before'];
  const [blamed, other, word] = high.raw !== undefined ? [high, low, highWord] : [low, high, lowWord];
  fail(blamed.name, `${blamed.what} ${word} ${other.name} (${other.value})`, blamed.raw ?? String(blamed.value));
};

const fail = (name: string, allowed: string, raw: string | undefined): never => {
  throw new EnrichmentConfigError(name, `must be ${allowed}, got "${raw ?? ''}"`);
};
