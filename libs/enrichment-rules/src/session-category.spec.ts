import { defaultEnrichmentConfig } from './enrichment-config.js';
import { categorizeSession } from './session-category.js';

describe('categorizeSession', () => {
  it.each([
    [0, 'short'],
    [29, 'short'],
    [30, 'medium'],
    [299, 'medium'],
    [300, 'long'],
    [86_400, 'long'],
    [null, 'unknown'],
  ])('%s seconds is %s', (seconds, category) => {
    expect(categorizeSession(seconds, defaultEnrichmentConfig)).toBe(category);
  });

  it('uses the configured thresholds', () => {
    const config = { shortSessionSeconds: 10, longSessionSeconds: 60 };
    expect([9, 10, 59, 60].map((s) => categorizeSession(s, config))).toEqual(['short', 'medium', 'medium', 'long']);
  });
});
