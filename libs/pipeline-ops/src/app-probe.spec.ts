import { appHealthAddresses } from './app-probe.js';

describe('appHealthAddresses', () => {
  it('uses loopback and each app port, or <APP>_HEALTH_URL when the app runs elsewhere', () => {
    expect(appHealthAddresses({ AGGREGATOR_HEALTH_PORT: '19465', PROCESSOR_HEALTH_URL: 'http://enrichment-processor:9464/' })).toEqual({
      'enrichment-processor': 'http://enrichment-processor:9464',
      'summary-aggregator': 'http://127.0.0.1:19465',
      'activity-simulator': 'http://127.0.0.1:9466',
    });
  });

  it('refuses a health URL that is not http(s)://host:port, naming the setting', () => {
    expect(() => appHealthAddresses({ SIMULATOR_HEALTH_URL: 'simulator:9466' })).toThrow(/SIMULATOR_HEALTH_URL/);
  });
});
