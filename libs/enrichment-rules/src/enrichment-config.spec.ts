import { ConfigError } from '@eap/pipeline-config';
import { defaultEnrichmentConfig, parseEnrichmentConfig } from './enrichment-config.js';

const configError = (env: Record<string, string>): ConfigError => {
  try {
    parseEnrichmentConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('parseEnrichmentConfig', () => {
  it("defaults to the manual's thresholds and hours", () => {
    expect(parseEnrichmentConfig({})).toEqual({ shortSessionSeconds: 30, longSessionSeconds: 300, businessHoursStart: 9, businessHoursEnd: 17 });
    expect(defaultEnrichmentConfig).toEqual(parseEnrichmentConfig({}));
  });

  it('reads every setting, trims it, and treats empty values as unset', () => {
    const env = { ENRICH_SHORT_SESSION_SECONDS: '10', ENRICH_LONG_SESSION_SECONDS: ' 600 ', ENRICH_BUSINESS_HOURS_START: '0', ENRICH_BUSINESS_HOURS_END: ' ' };
    expect(parseEnrichmentConfig(env)).toEqual({ shortSessionSeconds: 10, longSessionSeconds: 600, businessHoursStart: 0, businessHoursEnd: 17 });
  });

  it('accepts a single business hour', () => {
    expect(parseEnrichmentConfig({ ENRICH_BUSINESS_HOURS_START: '12', ENRICH_BUSINESS_HOURS_END: '12' })).toMatchObject({
      businessHoursStart: 12,
      businessHoursEnd: 12,
    });
  });

  it.each([
    [{ ENRICH_SHORT_SESSION_SECONDS: 'abc' }, 'ENRICH_SHORT_SESSION_SECONDS: must be a positive integer, got "abc"'],
    [{ ENRICH_SHORT_SESSION_SECONDS: '0' }, 'ENRICH_SHORT_SESSION_SECONDS: must be a positive integer, got "0"'],
    [{ ENRICH_SHORT_SESSION_SECONDS: '-5' }, 'ENRICH_SHORT_SESSION_SECONDS: must be a positive integer, got "-5"'],
    [{ ENRICH_LONG_SESSION_SECONDS: '1.5' }, 'ENRICH_LONG_SESSION_SECONDS: must be a positive integer, got "1.5"'],
    [{ ENRICH_LONG_SESSION_SECONDS: '3 00' }, 'ENRICH_LONG_SESSION_SECONDS: must be a positive integer, got "3 00"'],
    [{ ENRICH_SHORT_SESSION_SECONDS: '300' }, 'ENRICH_SHORT_SESSION_SECONDS: must be a positive integer below ENRICH_LONG_SESSION_SECONDS (300), got "300"'],
    [{ ENRICH_LONG_SESSION_SECONDS: '20' }, 'ENRICH_LONG_SESSION_SECONDS: must be a positive integer above ENRICH_SHORT_SESSION_SECONDS (30), got "20"'],
    [{ ENRICH_BUSINESS_HOURS_START: '24' }, 'ENRICH_BUSINESS_HOURS_START: must be an hour 0-23, got "24"'],
    [{ ENRICH_BUSINESS_HOURS_END: '9am' }, 'ENRICH_BUSINESS_HOURS_END: must be an hour 0-23, got "9am"'],
    [{ ENRICH_BUSINESS_HOURS_START: '18' }, 'ENRICH_BUSINESS_HOURS_START: must be an hour 0-23 not after ENRICH_BUSINESS_HOURS_END (17), got "18"'],
    [
      { ENRICH_BUSINESS_HOURS_START: '10', ENRICH_BUSINESS_HOURS_END: '8' },
      'ENRICH_BUSINESS_HOURS_END: must be an hour 0-23 not before ENRICH_BUSINESS_HOURS_START (10), got "8"',
    ],
  ])('rejects %j', (env, message) => {
    const error = configError(env);
    expect(error.message).toBe(message);
    expect(message.startsWith(error.setting)).toBe(true);
  });
});
