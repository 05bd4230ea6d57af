import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from './repo-root.js';
import { parseStackSettings } from './stack-settings.js';

interface Service {
  readonly image: string;
  readonly ports?: readonly string[];
  readonly healthcheck?: { readonly test: readonly string[] };
  readonly environment?: Readonly<Record<string, string | number>>;
  readonly command?: readonly string[];
}

describe('docker/compose.yaml matches the embedded stack', () => {
  const root = findRepoRoot(__dirname);
  const compose = parse(readFileSync(join(root, 'docker', 'compose.yaml'), 'utf8')) as { services: Record<string, Service> };
  const settings = parseStackSettings({}, root);
  const hostPort = (s: Service) => s.ports?.map((p) => /^127\.0\.0\.1:(\d+):\d+$/.exec(p)?.[1]).map(Number);

  it.each([
    ['postgres', settings.ports.postgres],
    ['kafka', settings.ports.kafka],
    ['connect', settings.ports.connect],
    ['registry', settings.ports.registry],
    ['kafka-ui', 8082],
    ['pgadmin', 5050],
  ])('%s is published on 127.0.0.1:%i with a health check', (name, port) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    expect(hostPort(service!)).toEqual([port]);
    expect(service!.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it('binds nothing beyond loopback', () => {
    const ports = Object.values(compose.services).flatMap((s) => s.ports ?? []);
    expect(ports.every((p) => p.startsWith('127.0.0.1:'))).toBe(true);
  });

  it('uses the same versions and names', () => {
    const { postgres, kafka, connect, registry } = compose.services;
    expect(kafka!.image).toBe(`apache/kafka:${settings.versions.kafka}`);
    expect(connect!.image).toBe(`quay.io/debezium/connect:${settings.versions.debezium}`);
    expect(registry!.image).toBe(`apicurio/apicurio-registry:${settings.versions.apicurio}`);
    expect(postgres!.environment?.['POSTGRES_DB']).toBe('streaming_db');
    expect(postgres!.command).toEqual(expect.arrayContaining(['wal_level=logical', `max_slot_wal_keep_size=${settings.pgMaxSlotWalKeepSize}`]));
    expect(registry!.environment?.['APICURIO_RULES_GLOBAL_COMPATIBILITY']).toBe('BACKWARD');
    expect(connect!.environment?.['CONNECT_CONFIG_PROVIDERS']).toBe('file,env');
    expect(kafka!.environment?.['KAFKA_TRANSACTION_STATE_LOG_MIN_ISR']).toBe(1);
  });
});
