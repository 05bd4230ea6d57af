import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from './repo-root.js';
import { parseStackSettings } from './stack-settings.js';

interface Service {
  readonly image: string;
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly command?: readonly string[];
  readonly volumes?: readonly string[];
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly ports?: readonly string[];
  readonly healthcheck?: { readonly test: readonly string[] };
  readonly environment?: Readonly<Record<string, string | number>>;
}

describe('docker/compose.yaml matches the embedded stack', () => {
  const root = findRepoRoot(__dirname);
  const compose = parse(readFileSync(join(root, 'docker', 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  const settings = parseStackSettings({}, root);
  const hostPort = (s: Service) => s.ports?.map((p) => /^127\.0\.0\.1:(\d+):\d+$/.exec(p)?.[1]).map(Number);

  it.each([
    ['postgres', settings.ports.postgres],
    ['kafka', settings.ports.kafka],
    ['connect', settings.ports.connect],
    ['registry', settings.ports.registry],
    ['kafka-ui', 8082],
    ['pgadmin', 5050],
    ['enrichment-processor', 9464],
    ['summary-aggregator', 9465],
    ['activity-simulator', 9466],
    ['console', 8080],
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

  it('pins every image to a fixed version, never latest or a floating major', () => {
    const images = Object.entries(compose.services)
      .filter(([, svc]) => !svc.build) // the apps: built from this repository
      .map(([name, svc]) => [name, svc.image] as const);
    const floating = images.filter(([, image]) => !/:[^:]*\d+\.\d+/.test(image) || /:(latest|main)$/.test(image));
    expect(floating).toEqual([]);
    // Debian 12's postgresql package, which the embedded stack installs, is PostgreSQL 15
    expect(compose.services['postgres']!.image).toMatch(/^postgres:15\.\d+$/);
  });

  it('keeps its data in named volumes: Kafka writes its log directory into its volume', () => {
    const kafka = compose.services['kafka']!;
    const logDirs = String(kafka.environment?.['KAFKA_LOG_DIRS']);
    expect(kafka.volumes).toContain(`kafka-data:${logDirs}`);
    expect(compose.services['postgres']!.volumes).toContain('postgres-data:/var/lib/postgresql/data');
  });

  it('stores the registry in its own database with the global rule stored, as the embedded stack does', () => {
    expect(compose.services['registry']!.environment?.['APICURIO_DATASOURCE_URL']).toBe('jdbc:postgresql://postgres:5432/apicurio_registry');
    expect(readFileSync(join(root, 'docker', 'postgres-init', '01-registry-database.sql'), 'utf8')).toContain('CREATE DATABASE apicurio_registry;');
    expect(compose.services['registry-rules']!.image).toBe(compose.services['registry']!.image);
  });

  it('runs the apps from the repository build, the processor after the connector is registered', () => {
    for (const app of ['connector-registrar', 'enrichment-processor', 'summary-aggregator', 'activity-simulator', 'console']) {
      expect(compose.services[app]!.command).toEqual([`apps/${app}/dist/main.js`]);
    }
    expect(compose.services['enrichment-processor']!.depends_on?.['connector-registrar']?.condition).toBe('service_completed_successfully');
    expect(readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8')).toContain('npm run build');
    // the image's Node is one the project supports (package.json engines)
    const node = /^FROM node:(\d+)\.(\d+)\.\d+-slim$/m.exec(readFileSync(join(root, 'docker', 'Dockerfile'), 'utf8'));
    expect(node && Number(node[1]) >= 20).toBe(true);
  });
});
