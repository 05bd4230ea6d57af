import { connectWorkerProperties } from './components/connect-component.js';
import { kafkaServerProperties } from './components/kafka-server-properties.js';
import { stackPaths } from './stack-paths.js';
import { parseStackSettings } from './stack-settings.js';
import { renderStatusTable } from './stack-status.js';

const props = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('server config files', () => {
  const s = parseStackSettings({ STACK_KAFKA_PORT: '19092', STACK_CONTROLLER_PORT: '19093' }, '/repo');

  it('gives the single KRaft node replication 1 for offsets, transactions and share state', () => {
    const p = props(kafkaServerProperties(s, '/data'));
    expect(p).toMatchObject({
      'process.roles': 'broker,controller',
      'controller.quorum.bootstrap.servers': '127.0.0.1:19093',
      listeners: 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'share.coordinator.state.topic.replication.factor': '1',
      'share.coordinator.state.topic.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
    });
    expect(p['group.coordinator.rebalance.protocols']).toContain('classic');
  });

  it('keeps Connect on loopback with secrets behind a file config provider', () => {
    const p = props(connectWorkerProperties(s, stackPaths(s)));
    expect(p).toMatchObject({
      listeners: 'http://127.0.0.1:8083',
      'bootstrap.servers': '127.0.0.1:19092',
      'config.storage.replication.factor': '1',
      'offset.storage.replication.factor': '1',
      'status.storage.replication.factor': '1',
      'config.providers': 'file,env',
      'config.providers.file.param.allowed.paths': '/repo/.stack/secrets',
    });
    // Debezium's plugin and Apicurio's Avro converter, each in its folder (its own class loader)
    expect(p['plugin.path']).toBe('/repo/.stack/cache/debezium-3.7.0.Final/plugins,/repo/.stack/cache/apicurio-converter-2.6.13.Final/plugins');
    expect(Number(p['offset.flush.interval.ms'])).toBeLessThan(60_000);
    // A killed worker's connectors are given to the restarted one at once, not after 5 minutes.
    expect(p['scheduled.rebalance.max.delay.ms']).toBe('0');
  });

  it('renders the status table with one row per component', () => {
    const table = renderStatusTable([
      { component: 'kafka', state: 'started', address: '127.0.0.1:9092', pid: 42, logFile: '/l/kafka.log', healthySeconds: 3.14, detail: 'cluster x' },
      { component: 'connect', state: 'failed', address: 'http://127.0.0.1:8083', pid: null, logFile: '/l/connect.log', healthySeconds: null, detail: 'boom' },
    ]);
    expect(table.split('\n')[0]).toMatch(/^COMPONENT\s+STATE\s+ADDRESS\s+PID\s+HEALTHY IN\s+LOG$/);
    expect(table).toMatch(/kafka\s+started\s+127\.0\.0\.1:9092\s+42\s+3\.1 s\s+\/l\/kafka\.log/);
    expect(table).toMatch(/connect\s+failed\s+http:\/\/127\.0\.0\.1:8083\s+-\s+-/);
    expect(table).toContain('  connect: boom');
  });
});
