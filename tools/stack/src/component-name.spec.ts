import { parseComponentName } from './component-name.js';

describe('parseComponentName', () => {
  it.each(['postgres', 'connect', 'registry'])('takes %s whatever the brokers', (name) => {
    expect(parseComponentName(name, 1)).toBe(name);
    expect(parseComponentName(name, 3)).toBe(name);
  });

  it.each([
    ['kafka', 'kafka'],
    ['kafka-1', 'kafka'],
    ['1', 'kafka'],
    ['KAFKA', 'kafka'],
  ])('one broker: %s is %s', (text, name) => {
    expect(parseComponentName(text, 1)).toBe(name);
  });

  it.each([
    ['kafka-1', 'kafka-1'],
    ['kafka-2', 'kafka-2'],
    ['2', 'kafka-2'],
    ['3', 'kafka-3'],
    ['kafka3', 'kafka-3'],
  ])('three brokers: %s is %s', (text, name) => {
    expect(parseComponentName(text, 3)).toBe(name);
  });

  it.each([
    ['kafka-2', 1, /one Kafka broker \(STACK_KAFKA_BROKERS=1\)/],
    ['kafka', 3, /name one, kafka-1, kafka-2, kafka-3/],
    ['4', 3, /no Kafka broker "4": there are 3/],
    ['kafka-0', 3, /no Kafka broker "kafka-0"/],
    ['zookeeper', 3, /"zookeeper" is not a component; one of postgres, kafka-1, kafka-2, kafka-3, connect, registry/],
    ['zookeeper', 1, /one of postgres, kafka, connect, registry$/],
  ] as const)('refuses %s with %i broker(s), saying what it takes', (text, brokers, message) => {
    expect(() => parseComponentName(text, brokers)).toThrow(message);
  });
});
