import { aggregatorConfigFromEnv } from './aggregator-config.js';

describe('aggregatorConfigFromEnv', () => {
  it('defaults to the manual names and a group of its own', () => {
    const c = aggregatorConfigFromEnv({});
    expect(c.names.summariesTopic).toBe('employee-activity-summaries');
    expect(c.names.summariesChangelogTopic).toBe('employee-activity-summaries-changelog');
    expect(c.groupId).toBe('employee-server-summary-aggregator');
    expect(c.lingerMs).toBe(50);
    expect(c.windowing.retentionHours).toBe(168);
  });

  it('follows the topic prefix and the windowing settings', () => {
    const c = aggregatorConfigFromEnv({ PIPELINE_TOPIC_PREFIX: 'p1', WINDOW_GRACE_SECONDS: '5', AGGREGATOR_LINGER_MS: '0' });
    expect(c.groupId).toBe('p1-summary-aggregator');
    expect(c.windowing.graceSeconds).toBe(5);
    expect(c.lingerMs).toBe(0);
  });

  it.each([
    ['AGGREGATOR_LINGER_MS', '-1'],
    ['AGGREGATOR_LINGER_MS', '9000'],
    ['SUMMARIES_PARTITIONS', '0'],
    ['AGGREGATOR_HEALTH_PORT', 'x'],
    ['WINDOW_RETENTION_HOURS', '0'],
    ['PIPELINE_SUMMARIES_CHANGELOG_TOPIC', 'bad topic'],
    ['LOG_LEVEL', 'loud'],
  ])('fails naming %s when it is %s', (setting, value) => {
    expect(() => aggregatorConfigFromEnv({ [setting]: value })).toThrow(new RegExp(`^${setting}: `));
  });
});
