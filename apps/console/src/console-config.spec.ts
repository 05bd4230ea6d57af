import { ConfigError } from '@eap/pipeline-config';
import { consoleConfigFromEnv } from './console-config.js';

describe('consoleConfigFromEnv', () => {
  it('listens on 127.0.0.1:8080 and reads the apps where they listen by default', () => {
    const c = consoleConfigFromEnv({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, refreshMs: 2_000, historyPoints: 60, eventsKept: 50, dlqKept: 20, summaryHours: 48 });
    expect(c.apps['enrichment-processor']).toBe('http://127.0.0.1:9464');
    expect(c.ops.names.processedTopic).toBe('processed-employee-activities');
  });

  it('follows the apps’ own port settings and the pipeline names', () => {
    const c = consoleConfigFromEnv({ AGGREGATOR_HEALTH_PORT: '19465', PIPELINE_PROCESSED_TOPIC: 't-processed', CONSOLE_PORT: '0' });
    expect(c.apps['summary-aggregator']).toBe('http://127.0.0.1:19465');
    expect(c.ops.names.processedTopic).toBe('t-processed');
    expect(c.port).toBe(0);
  });

  it('names the setting that is wrong', () => {
    expect(() => consoleConfigFromEnv({ CONSOLE_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => consoleConfigFromEnv({ CONSOLE_PORT: 'eighty' })).toThrow(/CONSOLE_PORT/);
    expect(() => consoleConfigFromEnv({ CONSOLE_REFRESH_MS: '10' })).toThrow(/CONSOLE_REFRESH_MS/);
    expect(() => consoleConfigFromEnv({ CONSOLE_HOST: 'a b' })).toThrow(/CONSOLE_HOST/);
  });
});
