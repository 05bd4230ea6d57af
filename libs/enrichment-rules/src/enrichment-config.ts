import { defineSettings, setting, type Env, type SettingsSchema } from '@eap/pipeline-config';
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

const MAX_SECONDS = 999_999_999;
const POSITIVE = 'a positive integer';
const HOUR = 'an hour 0-23';
const d = defaultEnrichmentConfig;

/**
 * ENRICH_SHORT_SESSION_SECONDS, ENRICH_LONG_SESSION_SECONDS, ENRICH_BUSINESS_HOURS_START and
 * ENRICH_BUSINESS_HOURS_END (unset or empty: the default), validated together: short below long, start
 * not after end, blaming the one the user set (the later one if both were).
 */
export const enrichmentSettings: SettingsSchema<EnrichmentConfig> = defineSettings(
  'enrichment',
  {
    shortSessionSeconds: setting.int('ENRICH_SHORT_SESSION_SECONDS', {
      default: d.shortSessionSeconds,
      min: 1,
      max: MAX_SECONDS,
      accepts: POSITIVE,
      describe: 'durations below this many seconds are `short`',
    }),
    longSessionSeconds: setting.int('ENRICH_LONG_SESSION_SECONDS', {
      default: d.longSessionSeconds,
      min: 1,
      max: MAX_SECONDS,
      accepts: POSITIVE,
      describe: 'durations of at least this many seconds are `long` (above ENRICH_SHORT_SESSION_SECONDS); between the two, `medium`',
    }),
    businessHoursStart: setting.int('ENRICH_BUSINESS_HOURS_START', {
      default: d.businessHoursStart,
      min: 0,
      max: 23,
      accepts: HOUR,
      describe: 'first business hour of the day',
    }),
    businessHoursEnd: setting.int('ENRICH_BUSINESS_HOURS_END', {
      default: d.businessHoursEnd,
      min: 0,
      max: 23,
      accepts: HOUR,
      describe: 'last business hour of the day, inclusive (17: until 17:59:59.999999; not before ENRICH_BUSINESS_HOURS_START)',
    }),
  },
  {
    check: (v, { raw, fail }) => {
      const ordered = (low: [string, number, string], high: [string, number, string], strict: boolean): void => {
        if (strict ? low[1] < high[1] : low[1] <= high[1]) return;
        const [blamed, other, word] = raw(high[0]) !== undefined ? [high, low, strict ? 'above' : 'not before'] : [low, high, strict ? 'below' : 'not after'];
        fail(blamed[0], `${blamed[2]} ${word} ${other[0]} (${other[1]})`, String(blamed[1]));
      };
      ordered(['ENRICH_SHORT_SESSION_SECONDS', v.shortSessionSeconds, POSITIVE], ['ENRICH_LONG_SESSION_SECONDS', v.longSessionSeconds, POSITIVE], true);
      ordered(['ENRICH_BUSINESS_HOURS_START', v.businessHoursStart, HOUR], ['ENRICH_BUSINESS_HOURS_END', v.businessHoursEnd, HOUR], false);
    },
  },
);

/** Reads the ENRICH_* settings; throws a ConfigError naming the setting and what it accepts. */
export const parseEnrichmentConfig = (env: Env): EnrichmentConfig => enrichmentSettings(env);
