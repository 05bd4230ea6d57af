import { parseStackSettings, STACK_DEFAULTS } from './stack-settings.js';

describe('parseStackSettings', () => {
  it('defaults to the SPEC ports and the pinned versions', () => {
    const s = parseStackSettings({}, '/repo');
    expect(s.ports).toEqual({ postgres: 5433, kafka: 9092, controller: 9093, connect: 8083, registry: 8081 });
    expect(s.versions).toMatchObject({ kafka: '4.1.1', debezium: STACK_DEFAULTS.STACK_DEBEZIUM_VERSION, apicurio: STACK_DEFAULTS.STACK_APICURIO_VERSION });
    expect(s.stackDir).toBe('/repo/.stack');
    expect(s.cacheDir).toBe('/repo/.stack/cache');
    expect(s.host).toBe('127.0.0.1');
  });

  it('takes overrides, relative folders from the repository', () => {
    const s = parseStackSettings({ STACK_POSTGRES_PORT: '6543', STACK_DIR: 'tmp/s', STACK_CACHE_DIR: '/c' }, '/repo');
    expect(s.ports.postgres).toBe(6543);
    expect(s.stackDir).toBe('/repo/tmp/s');
    expect(s.cacheDir).toBe('/c');
  });

  it('reads STACK_KAFKA_BROKERS (1 or 3) and gives three brokers a smaller heap each unless STACK_KAFKA_HEAP is set', () => {
    expect(parseStackSettings({}, '/repo')).toMatchObject({ kafkaBrokers: 1, heaps: { kafka: '512m' } });
    expect(parseStackSettings({ STACK_KAFKA_BROKERS: '3' }, '/repo')).toMatchObject({ kafkaBrokers: 3, heaps: { kafka: '384m' } });
    expect(parseStackSettings({ STACK_KAFKA_BROKERS: '3', STACK_KAFKA_HEAP: '1g' }, '/repo').heaps.kafka).toBe('1g');
    expect(parseStackSettings({ STACK_KAFKA_HEAP: '256m' }, '/repo').heaps.kafka).toBe('256m');
  });

  it.each([
    [{ STACK_KAFKA_BROKERS: '2' }, /^STACK_KAFKA_BROKERS: must be 1 or 3, got "2"$/],
    [
      { STACK_KAFKA_BROKERS: '3', STACK_CONNECT_PORT: '9192' },
      /^STACK_CONNECT_PORT: must be a port that no other component uses \(STACK_KAFKA_PORT \+ 100 is 9192\)/,
    ],
    [{ STACK_KAFKA_BROKERS: '3', STACK_CONTROLLER_PORT: '9192' }, /^STACK_CONTROLLER_PORT: .*\(STACK_KAFKA_PORT \+ 100 is 9192\)/],
    [{ STACK_KAFKA_BROKERS: '3', STACK_CONTROLLER_PORT: '9292' }, /^STACK_CONTROLLER_PORT: .*\(STACK_KAFKA_PORT \+ 200 is 9292\)/],
    [
      { STACK_KAFKA_BROKERS: '3', STACK_KAFKA_PORT: '65400' },
      /^STACK_KAFKA_PORT: must be a port number up to 65335 with STACK_KAFKA_BROKERS=3 \(STACK_KAFKA_PORT \+ 200 is 65600\), got "65400"$/,
    ],
  ])('three brokers: rejects %j', (env, message) => {
    expect(() => parseStackSettings(env, '/repo')).toThrow(message);
  });

  it('one broker: the ports above STACK_KAFKA_PORT and STACK_CONTROLLER_PORT stay free for others', () => {
    expect(parseStackSettings({ STACK_CONNECT_PORT: '9192', STACK_REGISTRY_PORT: '9293' }, '/repo').ports.connect).toBe(9192);
  });

  it.each([
    [{ STACK_KAFKA_PORT: 'abc' }, 'STACK_KAFKA_PORT'],
    [{ STACK_CONNECT_PORT: '80' }, 'STACK_CONNECT_PORT'],
    [{ STACK_REGISTRY_PORT: '70000' }, 'STACK_REGISTRY_PORT'],
    [{ STACK_CONTROLLER_PORT: '9092' }, 'STACK_CONTROLLER_PORT'],
    [{ STACK_KAFKA_VERSION: '4.1' }, 'STACK_KAFKA_VERSION'],
    [{ STACK_DEBEZIUM_VERSION: '3.4.3' }, 'STACK_DEBEZIUM_VERSION'],
    [{ STACK_KAFKA_HEAP: 'lots' }, 'STACK_KAFKA_HEAP'],
    [{ STACK_PG_MAX_SLOT_WAL_KEEP_SIZE: '2 gigs' }, 'STACK_PG_MAX_SLOT_WAL_KEEP_SIZE'],
    [{ STACK_HOST: '0.0.0.0' }, 'STACK_HOST'],
    [{ STACK_HEALTH_TIMEOUT_SECONDS: '1' }, 'STACK_HEALTH_TIMEOUT_SECONDS'],
  ])('rejects %j naming %s', (env, setting) => {
    expect(() => parseStackSettings(env, '/repo')).toThrow(new RegExp(`^${setting}: `));
  });
});
