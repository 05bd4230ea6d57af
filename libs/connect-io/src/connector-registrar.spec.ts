import type { ConnectClient, ConnectorStatus } from './connect-rest-client.js';
import { registerConnector, DEBEZIUM_POSTGRES_CONNECTOR } from './connector-registrar.js';

const status = (connector: string, tasks: string[]): ConnectorStatus =>
  ({
    name: 'c',
    connector: { state: connector, worker_id: 'w' },
    tasks: tasks.map((state, id) => ({ id, state, worker_id: 'w', trace: state === 'FAILED' ? 'org.postgresql.util.PSQLException: boom\n at x' : undefined })),
  }) as ConnectorStatus;

/** Our own ConnectClient interface, scripted: the flow's decisions are what is under test. */
const scripted = (statuses: ConnectorStatus[], plugins = [{ class: DEBEZIUM_POSTGRES_CONNECTOR, type: 'source', version: '3.4.3.Final' }]) => {
  const calls: string[] = [];
  const client: ConnectClient = {
    baseUrl: 'http://connect',
    plugins: async () => plugins,
    putConfig: async () => (calls.push('put'), { created: true }),
    config: async () => undefined,
    status: async () => (statuses.length > 1 ? statuses.shift() : statuses[0]),
    restartTask: async (_, task) => void calls.push(`restart ${task}`),
    deleteConnector: async () => undefined,
    connectors: async () => [],
    stop: async () => undefined,
    pause: async () => undefined,
    resume: async () => undefined,
    restart: async () => undefined,
    resetOffsets: async () => undefined,
  };
  return { client, calls };
};
const base = { name: 'c', config: { 'connector.class': DEBEZIUM_POSTGRES_CONNECTOR }, checkDatabase: async () => undefined, sleep: async () => undefined };

describe('registerConnector', () => {
  it('puts the config and returns once connector and tasks run', async () => {
    const { client, calls } = scripted([status('UNASSIGNED', []), status('RUNNING', ['RUNNING'])]);
    await expect(registerConnector({ ...base, client })).resolves.toMatchObject({ connector: { state: 'RUNNING' } });
    expect(calls).toEqual(['put']);
  });

  it('restarts a failed task, then gives up naming the cause', async () => {
    const { client, calls } = scripted([status('RUNNING', ['FAILED'])]);
    await expect(registerConnector({ ...base, client, maxTaskRestarts: 2 })).rejects.toThrow(
      /task 0 of c failed 3 times: org.postgresql.util.PSQLException: boom/,
    );
    expect(calls).toEqual(['put', 'restart 0', 'restart 0']);
  });

  it('tells a Connect without the caching schema resolver what to set', async () => {
    // The trace a stock Connect gave (first line and the frame after it).
    const trace = `java.lang.RuntimeException: java.lang.ClassNotFoundException: dev.employeepipeline.connect.WriterSchemaCachingResolver\n\tat io.apicurio.registry.resolver.utils.Utils.loadClass(Utils.java:35)`;
    const failed = { ...status('RUNNING', []), tasks: [{ id: 0, state: 'FAILED', worker_id: 'w', trace }] } as ConnectorStatus;
    const { client } = scripted([failed]);
    await expect(registerConnector({ ...base, client, maxTaskRestarts: 0 })).rejects.toThrow(
      /ClassNotFoundException: dev.employeepipeline.connect.WriterSchemaCachingResolver \(this Connect lacks the project's caching schema resolver: for the embedded stack, `npm run stack -- restart connect` fetches it; for another Connect, set CONNECT_AVRO_SCHEMA_CACHE=false\)/,
    );
  });

  it('says when the plugin is missing, before putting anything', async () => {
    const { client, calls } = scripted([], []);
    await expect(registerConnector({ ...base, client })).rejects.toMatchObject({ code: 'plugin_missing' });
    expect(calls).toEqual([]);
  });

  it('says when a converter the config names is missing, before putting anything', async () => {
    const { client, calls } = scripted([status('RUNNING', ['RUNNING'])]);
    const config = { 'connector.class': DEBEZIUM_POSTGRES_CONNECTOR, 'value.converter': 'io.apicurio.registry.utils.converter.AvroConverter' };
    await expect(registerConnector({ ...base, config, client })).rejects.toMatchObject({
      code: 'plugin_missing',
      message: expect.stringContaining('has no io.apicurio.registry.utils.converter.AvroConverter converter'),
    });
    expect(calls).toEqual([]);
  });

  it('checks the database before putting the config', async () => {
    const { client, calls } = scripted([]);
    await expect(registerConnector({ ...base, client, checkDatabase: async () => Promise.reject(new Error('wal_level is replica')) })).rejects.toThrow(
      'wal_level is replica',
    );
    expect(calls).toEqual([]);
  });
});
