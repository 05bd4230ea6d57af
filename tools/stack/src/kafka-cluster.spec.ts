import { connectWorkerProperties } from './components/connect-component.js';
import { kafkaBootstrap, kafkaNodes } from './kafka-cluster.js';
import { createStackController } from './stack-controller.js';
import { stackPaths } from './stack-paths.js';
import { parseStackSettings } from './stack-settings.js';

const three = (env: Record<string, string> = {}) => parseStackSettings({ STACK_KAFKA_BROKERS: '3', ...env }, '/repo');

describe('the Kafka cluster shape', () => {
  it('one broker: one node "kafka", id 1, on STACK_KAFKA_PORT and STACK_CONTROLLER_PORT', () => {
    const s = parseStackSettings({}, '/repo');
    expect(kafkaNodes(s)).toEqual([{ id: 1, name: 'kafka', brokerPort: 9092, controllerPort: 9093, portOffset: 0 }]);
    expect(kafkaBootstrap(s)).toEqual(['127.0.0.1:9092']);
  });

  it('three brokers: kafka-1..3, ids 1..3, each 100 ports above the one before', () => {
    expect(kafkaNodes(three()).map((n) => [n.name, n.id, n.brokerPort, n.controllerPort])).toEqual([
      ['kafka-1', 1, 9092, 9093],
      ['kafka-2', 2, 9192, 9193],
      ['kafka-3', 3, 9292, 9293],
    ]);
    expect(kafkaNodes(three({ STACK_KAFKA_PORT: '19092', STACK_CONTROLLER_PORT: '19093' })).map((n) => n.brokerPort)).toEqual([19092, 19192, 19292]);
  });

  it('gives every client every broker: connection(), Connect', () => {
    const s = three({ STACK_KAFKA_PORT: '19092', STACK_CONTROLLER_PORT: '19093' });
    const all = ['127.0.0.1:19092', '127.0.0.1:19192', '127.0.0.1:19292'];
    expect(createStackController(s, { log: () => undefined }).connection().kafkaBrokers).toEqual(all);
    const worker = connectWorkerProperties(s, stackPaths(s));
    expect(worker).toContain(`bootstrap.servers=${all.join(',')}\n`);
    for (const topic of ['config', 'offset', 'status']) expect(worker).toContain(`${topic}.storage.replication.factor=3\n`);
  });

  it('names a broker of three as its own component, with its folder, pid file and log', () => {
    const s = three();
    const stack = createStackController(s, { log: () => undefined });
    expect([...stack.components.keys()]).toEqual(['postgres', 'kafka-1', 'kafka-2', 'kafka-3', 'connect', 'registry']);
    const p = stackPaths(s);
    expect([p.kafkaNodeDir('kafka-2'), p.pidFile('kafka-2'), p.logFile('kafka-2')]).toEqual([
      '/repo/.stack/kafka-2',
      '/repo/.stack/run/kafka-2.pid',
      '/repo/.stack/logs/kafka-2.log',
    ]);
    expect(stack.components.get('connect')!.dependsOn).toEqual(['kafka-1', 'kafka-2', 'kafka-3']);
    expect(stack.components.get('kafka-3')!.ports).toEqual([
      { setting: 'STACK_KAFKA_PORT', label: 'STACK_KAFKA_PORT + 200', port: 9292 },
      { setting: 'STACK_CONTROLLER_PORT', label: 'STACK_CONTROLLER_PORT + 200', port: 9293 },
    ]);
  });

  it('one broker keeps the folder, pid file, log and component name "kafka"', () => {
    const s = parseStackSettings({}, '/repo');
    const stack = createStackController(s, { log: () => undefined });
    expect([...stack.components.keys()]).toEqual(['postgres', 'kafka', 'connect', 'registry']);
    expect(stack.paths.kafkaDir).toBe('/repo/.stack/kafka');
    expect(stack.components.get('kafka')!.logFile).toBe('/repo/.stack/logs/kafka.log');
  });
});
