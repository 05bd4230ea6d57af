import { registrarConfigFromEnv } from './registrar-config.js';

describe('registrarConfigFromEnv', () => {
  it('defaults to the embedded stack', () => {
    const c = registrarConfigFromEnv({}, '/repo');
    expect(c).toMatchObject({
      connectUrl: 'http://127.0.0.1:8083',
      brokers: ['127.0.0.1:9092'],
      passwordFile: '/repo/.stack/secrets/postgres.properties',
      sourcePartitions: 1,
      timeoutMs: 90_000,
      migrate: true,
      connectDb: {},
    });
    expect(c.names.connector).toBe('employee-connector');
  });

  it('takes the database address as Connect sees it', () => {
    expect(registrarConfigFromEnv({ CONNECT_DB_HOST: 'postgres', CONNECT_DB_PORT: '5432' }, '/r').connectDb).toEqual({ host: 'postgres', port: 5432 });
  });

  it.each([
    ['CONNECT_URL', 'localhost:8083'],
    ['REGISTRAR_MIGRATE', 'yes'],
    ['PIPELINE_SOURCE_PARTITIONS', '0'],
    ['REGISTRAR_TIMEOUT_SECONDS', 'soon'],
    ['KAFKA_BROKERS', 'a,b'],
  ])('fails naming %s=%s', (setting, value) => {
    expect(() => registrarConfigFromEnv({ [setting]: value }, '/r')).toThrow(new RegExp(`^${setting}: `));
  });
});
