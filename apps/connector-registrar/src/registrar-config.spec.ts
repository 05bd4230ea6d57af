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
      format: 'avro',
      connectRegistryUrl: 'http://127.0.0.1:8081/apis/registry/v2',
      connectSchemaCache: true,
      formatSwitch: false,
    });
    expect(registrarConfigFromEnv({ CONNECT_AVRO_SCHEMA_CACHE: 'false' }, '/r').connectSchemaCache).toBe(false);
    expect(c.names.connector).toBe('employee-connector');
  });

  it("takes the format, and the registry's v2 API from SCHEMA_REGISTRY_URL unless Connect reaches it elsewhere", () => {
    expect(registrarConfigFromEnv({ CONNECTOR_FORMAT: 'json', SCHEMA_REGISTRY_URL: 'http://reg:8080/apis/ccompat/v7' }, '/r')).toMatchObject({
      format: 'json',
      connectRegistryUrl: 'http://reg:8080/apis/registry/v2',
    });
    expect(registrarConfigFromEnv({ CONNECT_REGISTRY_URL: 'http://registry:8080/apis/registry/v3' }, '/r').connectRegistryUrl).toBe(
      'http://registry:8080/apis/registry/v3',
    );
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
    ['CONNECTOR_FORMAT', 'protobuf'],
    ['CONNECTOR_FORMAT_SWITCH', 'maybe'],
    ['CONNECT_REGISTRY_URL', 'registry:8080'],
  ])('fails naming %s=%s', (setting, value) => {
    expect(() => registrarConfigFromEnv({ [setting]: value }, '/r')).toThrow(new RegExp(`^${setting}: `));
  });
});
