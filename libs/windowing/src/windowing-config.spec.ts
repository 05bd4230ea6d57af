import { ConfigError } from '@eap/pipeline-config';
import { defaultWindowingConfig, parseWindowingConfig } from './windowing-config.js';

const messageOf = (env: Record<string, string>): string => {
  try {
    parseWindowingConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('parseWindowingConfig', () => {
  it('defaults to 60 s grace, 5 min skew, 7 days retention and no idle advance', () => {
    expect(parseWindowingConfig({})).toEqual({ graceSeconds: 60, maxSkewSeconds: 300, retentionHours: 168, idleAdvanceSeconds: 0 });
    expect(parseWindowingConfig({})).toEqual(defaultWindowingConfig);
  });

  it('reads every setting, and treats empty values as unset', () => {
    const env = { WINDOW_GRACE_SECONDS: '0', WINDOW_MAX_SKEW_SECONDS: '30', WINDOW_RETENTION_HOURS: '24', WINDOW_IDLE_ADVANCE_SECONDS: '' };
    expect(parseWindowingConfig(env)).toEqual({ graceSeconds: 0, maxSkewSeconds: 30, retentionHours: 24, idleAdvanceSeconds: 0 });
  });

  it.each([
    [{ WINDOW_GRACE_SECONDS: 'abc' }, 'WINDOW_GRACE_SECONDS: must be a whole number of seconds, 0 or more, got "abc"'],
    [{ WINDOW_GRACE_SECONDS: '-1' }, 'WINDOW_GRACE_SECONDS: must be a whole number of seconds, 0 or more, got "-1"'],
    [{ WINDOW_MAX_SKEW_SECONDS: '5m' }, 'WINDOW_MAX_SKEW_SECONDS: must be a whole number of seconds, 0 or more, got "5m"'],
    [{ WINDOW_RETENTION_HOURS: '0' }, 'WINDOW_RETENTION_HOURS: must be a whole number of hours, at least 1, got "0"'],
    [{ WINDOW_RETENTION_HOURS: '7d' }, 'WINDOW_RETENTION_HOURS: must be a whole number of hours, at least 1, got "7d"'],
    [{ WINDOW_IDLE_ADVANCE_SECONDS: 'yes' }, 'WINDOW_IDLE_ADVANCE_SECONDS: must be a whole number of seconds (0 turns idle advance off), got "yes"'],
    [
      { WINDOW_GRACE_SECONDS: '3600', WINDOW_RETENTION_HOURS: '1' },
      'WINDOW_GRACE_SECONDS: must be a whole number of seconds below WINDOW_RETENTION_HOURS (1 h), got "3600"',
    ],
  ])('rejects %j', (env, message) => {
    expect(messageOf(env)).toBe(message);
  });
});
