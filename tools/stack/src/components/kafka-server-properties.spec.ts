import { kafkaNodes } from '../kafka-cluster.js';
import { parseStackSettings } from '../stack-settings.js';
import { kafkaServerProperties } from './kafka-server-properties.js';

const props = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('kafkaServerProperties', () => {
  it('one broker: exactly the single-node file of before STACK_KAFKA_BROKERS existed', () => {
    const s = parseStackSettings({}, '/repo');
    expect(kafkaServerProperties(s, '/repo/.stack/kafka/data')).toBe(
      [
        'process.roles=broker,controller',
        'node.id=1',
        'controller.quorum.bootstrap.servers=127.0.0.1:9093',
        'listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
        'advertised.listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093',
        'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        'controller.listener.names=CONTROLLER',
        'inter.broker.listener.name=PLAINTEXT',
        'log.dirs=/repo/.stack/kafka/data',
        'num.partitions=1',
        'default.replication.factor=1',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=10',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'transaction.state.log.num.partitions=10',
        'share.coordinator.state.topic.replication.factor=1',
        'share.coordinator.state.topic.min.isr=1',
        'group.initial.rebalance.delay.ms=0',
        'group.coordinator.rebalance.protocols=classic,consumer',
        'num.network.threads=2',
        'num.io.threads=2',
        'auto.create.topics.enable=false',
        'offsets.retention.minutes=2147483647',
        'message.max.bytes=8388608',
        '',
      ].join('\n'),
    );
  });

  it('three brokers: node i on its own ports, a static quorum of all three, replication 3 and min ISR 2', () => {
    const s = parseStackSettings({ STACK_KAFKA_BROKERS: '3' }, '/repo');
    const node2 = kafkaNodes(s)[1]!;
    const p = props(kafkaServerProperties(s, '/repo/.stack/kafka-2/data', node2));
    expect(p).toMatchObject({
      'process.roles': 'broker,controller',
      'node.id': '2',
      'controller.quorum.voters': '1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293',
      listeners: 'PLAINTEXT://127.0.0.1:9192,CONTROLLER://127.0.0.1:9193',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:9192,CONTROLLER://127.0.0.1:9193',
      'log.dirs': '/repo/.stack/kafka-2/data',
      'default.replication.factor': '3',
      'min.insync.replicas': '2',
      'offsets.topic.replication.factor': '3',
      'transaction.state.log.replication.factor': '3',
      'transaction.state.log.min.isr': '2',
      'share.coordinator.state.topic.replication.factor': '3',
      'share.coordinator.state.topic.min.isr': '2',
      'auto.create.topics.enable': 'false',
    });
    // a static quorum: the bootstrap form goes with a dynamic one (and `format --standalone`)
    expect(p['controller.quorum.bootstrap.servers']).toBeUndefined();
  });

  it('three brokers: each node its own id and ports, the same voters', () => {
    const s = parseStackSettings({ STACK_KAFKA_BROKERS: '3', STACK_KAFKA_PORT: '19092', STACK_CONTROLLER_PORT: '19093' }, '/repo');
    const files = kafkaNodes(s).map((n) => props(kafkaServerProperties(s, `/d/${n.name}`, n)));
    expect(files.map((p) => [p['node.id'], p['listeners']])).toEqual([
      ['1', 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093'],
      ['2', 'PLAINTEXT://127.0.0.1:19192,CONTROLLER://127.0.0.1:19193'],
      ['3', 'PLAINTEXT://127.0.0.1:19292,CONTROLLER://127.0.0.1:19293'],
    ]);
    expect(new Set(files.map((p) => p['controller.quorum.voters']))).toEqual(new Set(['1@127.0.0.1:19093,2@127.0.0.1:19193,3@127.0.0.1:19293']));
  });
});
