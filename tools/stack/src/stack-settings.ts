import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, defineSettings, setting, stackDirSetting, type Env } from '@eap/pipeline-config';

/** Every port, version and size of the embedded stack, in one place. Each one is overridable by env. */
export const STACK_DEFAULTS = {
  STACK_HOST: '127.0.0.1',
  STACK_POSTGRES_PORT: '5433',
  STACK_KAFKA_PORT: '9092',
  STACK_CONTROLLER_PORT: '9093',
  STACK_CONNECT_PORT: '8083',
  STACK_REGISTRY_PORT: '8081',
  STACK_KAFKA_VERSION: '4.1.1',
  STACK_DEBEZIUM_VERSION: '3.7.0.Final',
  STACK_APICURIO_VERSION: '3.0.9',
  STACK_APICURIO_CONVERTER_VERSION: '2.6.13.Final',
  STACK_LOG4J_VERSION: '2.24.3',
  STACK_PG_MAX_SLOT_WAL_KEEP_SIZE: '2GB',
  STACK_KAFKA_BROKERS: '1',
  STACK_KAFKA_HEAP: '512m',
  STACK_CONNECT_HEAP: '512m',
  STACK_REGISTRY_HEAP: '384m',
  STACK_HEALTH_TIMEOUT_SECONDS: '180',
} as const;

/** Each broker's heap when there are three (STACK_KAFKA_HEAP, when set, wins). */
export const KAFKA_HEAP_OF_THREE = '384m';

export type StackSettingName = keyof typeof STACK_DEFAULTS | 'STACK_DIR' | 'STACK_CACHE_DIR' | 'STACK_JAVA_HOME';

/** A bad STACK_* setting: the shared ConfigError (`STACK_KAFKA_PORT: must be ...`). */
export const StackConfigError = ConfigError;
export type StackConfigError = ConfigError;

export interface StackPorts {
  readonly postgres: number;
  readonly kafka: number;
  readonly controller: number;
  readonly connect: number;
  readonly registry: number;
}

/** One combined broker+controller, or three (a static KRaft quorum). */
export type KafkaBrokerCount = 1 | 3;

export interface StackSettings {
  readonly host: string;
  /** Broker i (from 1) listens on `ports.kafka + 100 * (i - 1)`, its controller on `ports.controller + 100 * (i - 1)`. */
  readonly ports: StackPorts;
  readonly kafkaBrokers: KafkaBrokerCount;
  readonly versions: {
    readonly kafka: string;
    readonly debezium: string;
    readonly apicurio: string;
    readonly apicurioConverter: string;
    readonly log4j: string;
  };
  /** `kafka`: each broker's. */
  readonly heaps: { readonly kafka: string; readonly connect: string; readonly registry: string };
  readonly pgMaxSlotWalKeepSize: string;
  readonly healthTimeoutMs: number;
  /** Data, logs, pids and secrets. Git-ignored. */
  readonly stackDir: string;
  /** Maven-fetched server artifacts; survives `reset`. */
  readonly cacheDir: string;
  readonly javaHome: string | undefined;
  /** The repository this stack belongs to (its Maven POM lives there). */
  readonly repoRoot: string;
}

const port = (name: keyof typeof STACK_DEFAULTS, describe: string) =>
  setting.int(name, {
    default: Number(STACK_DEFAULTS[name]),
    min: 1024,
    max: 65535,
    accepts: 'a port number from 1024 to 65535, each component its own',
    describe,
  });
const version = (name: keyof typeof STACK_DEFAULTS, pattern: RegExp, describe: string, defaultText?: string) =>
  setting.string(name, {
    default: STACK_DEFAULTS[name],
    ...(defaultText ? { defaultText } : {}),
    pattern,
    accepts: `a version of the form ${pattern.source}`,
    describe,
  });
const HEAP = { pattern: /^\d+[mg]$/, accepts: 'a JVM heap size like 512m or 1g' };
const heap = (name: keyof typeof STACK_DEFAULTS, describe: string) => setting.string(name, { default: STACK_DEFAULTS[name], ...HEAP, describe });
const folder = (name: StackSettingName, defaultText: string, describe: string) =>
  setting.string(name, { pattern: /^.+$/, accepts: 'a folder (relative: from the repository)', defaultText, describe });

const stackPortSettings = defineSettings('stack-ports', {
  postgres: port('STACK_POSTGRES_PORT', "PostgreSQL's port"),
  kafka: port('STACK_KAFKA_PORT', "the Kafka broker's port (with 3 brokers: broker i's is this + 100 × (i - 1))"),
  controller: port('STACK_CONTROLLER_PORT', "the KRaft controller's port (with 3 brokers: controller i's is this + 100 × (i - 1))"),
  connect: port('STACK_CONNECT_PORT', "Kafka Connect's REST port"),
  registry: port('STACK_REGISTRY_PORT', "the schema registry's port"),
});

/** The embedded stack's settings (`npm run stack`, `npm start`, the tests); every one has a default. */
export const stackSettings = defineSettings(
  'stack',
  {
    host: setting.string('STACK_HOST', {
      default: STACK_DEFAULTS.STACK_HOST,
      pattern: /^(127\.\d+\.\d+\.\d+|localhost|::1)$/,
      accepts: 'a loopback address (127.x.x.x, localhost or ::1): the embedded stack only listens on loopback',
      describe: 'the address every server of the stack listens on',
    }),
    ports: stackPortSettings,
    kafkaVersion: version('STACK_KAFKA_VERSION', /^\d+\.\d+\.\d+$/, '`org.apache.kafka:kafka_2.13` and `connect-runtime`'),
    debeziumVersion: version(
      'STACK_DEBEZIUM_VERSION',
      /^\d+\.\d+\.\d+\.(Final|CR\d+|Beta\d+|Alpha\d+)$/,
      '`io.debezium:debezium-connector-postgres:<v>:tar.gz:plugin`',
      '`3.7.0.Final` (3.4.x loses events that share an LSN after a crash: [guarantees](guarantees.md))',
    ),
    apicurioVersion: version('STACK_APICURIO_VERSION', /^\d+\.\d+\.\d+(\.Final)?$/, '`io.apicurio:apicurio-registry-app:<v>:tar.gz:all` (see below)'),
    apicurioConverterVersion: version(
      'STACK_APICURIO_CONVERTER_VERSION',
      /^\d+\.\d+\.\d+(\.Final)?$/,
      "`io.apicurio:apicurio-registry-utils-converter`, Connect's Avro converter for the registry (2.6.x: the 3.x tree is not all on Maven Central)",
    ),
    log4jVersion: version('STACK_LOG4J_VERSION', /^\d+\.\d+\.\d+$/, 'log4j2 and its SLF4J 1.x binding for Kafka and Connect'),
    kafkaBrokers: setting.oneOf('STACK_KAFKA_BROKERS', ['1', '3'], {
      default: STACK_DEFAULTS.STACK_KAFKA_BROKERS,
      describe:
        'Kafka brokers: one combined broker+controller, or three (node ids 1-3, a static quorum, replication 3, min ISR 2); changing it needs `npm run stack -- reset`',
    }),
    kafkaHeap: setting.string('STACK_KAFKA_HEAP', {
      ...HEAP,
      defaultText: `\`${STACK_DEFAULTS.STACK_KAFKA_HEAP}\`, \`${KAFKA_HEAP_OF_THREE}\` with 3 brokers`,
      describe: "each Kafka broker's JVM heap",
    }),
    connectHeap: heap('STACK_CONNECT_HEAP', "Kafka Connect's JVM heap"),
    registryHeap: heap('STACK_REGISTRY_HEAP', "the schema registry's JVM heap"),
    pgMaxSlotWalKeepSize: setting.string('STACK_PG_MAX_SLOT_WAL_KEEP_SIZE', {
      default: STACK_DEFAULTS.STACK_PG_MAX_SLOT_WAL_KEEP_SIZE,
      pattern: /^\d+(kB|MB|GB|TB)$/,
      accepts: 'a size like 2GB or 512MB',
      describe: 'caps the WAL a forgotten replication slot can hold',
    }),
    healthTimeoutSeconds: setting.int('STACK_HEALTH_TIMEOUT_SECONDS', {
      default: Number(STACK_DEFAULTS.STACK_HEALTH_TIMEOUT_SECONDS),
      min: 10,
      max: 3600,
      accepts: 'whole seconds between 10 and 3600',
      describe: 'how long `up` waits for each component',
    }),
    stackDir: stackDirSetting,
    cacheDir: folder('STACK_CACHE_DIR', '`<STACK_DIR>/cache`', 'fetched server artifacts (kept by `reset`)'),
    javaHome: setting.string('STACK_JAVA_HOME', {
      pattern: /^.+$/,
      accepts: 'a Java 17+ home',
      defaultText: '`JAVA_HOME`, then `java` on PATH',
      describe: 'the Java that runs Kafka, Connect and the registry',
    }),
  },
  {
    check: ({ ports, kafkaBrokers }, { fail }) => {
      const seen = new Map<number, string>();
      const nodes = Number(kafkaBrokers);
      for (const [key, name] of Object.entries(PORT_SETTINGS)) {
        const base = ports[key as keyof StackPorts];
        const count = key === 'kafka' || key === 'controller' ? nodes : 1;
        for (let i = 0; i < count; i++) {
          const p = base + PORT_STEP * i;
          const label = i === 0 ? name : `${name} + ${PORT_STEP * i}`;
          if (p > 65535) fail(name, `a port number up to ${65535 - PORT_STEP * i} with STACK_KAFKA_BROKERS=${nodes} (${label} is ${p})`, String(base));
          const other = seen.get(p);
          if (other) fail(name, `a port that no other component uses (${other} is ${p}${i ? `, as is ${label}` : ''})`, String(base));
          seen.set(p, label);
        }
      }
    },
  },
);

/** Broker i and controller i (from 1) listen PORT_STEP × (i - 1) above STACK_KAFKA_PORT and STACK_CONTROLLER_PORT. */
export const PORT_STEP = 100;

const PORT_SETTINGS = {
  postgres: 'STACK_POSTGRES_PORT',
  kafka: 'STACK_KAFKA_PORT',
  controller: 'STACK_CONTROLLER_PORT',
  connect: 'STACK_CONNECT_PORT',
  registry: 'STACK_REGISTRY_PORT',
} as const satisfies Record<keyof StackPorts, StackSettingName>;

/** Reads and validates the settings; a bad one throws a StackConfigError naming it. Pure. */
export const parseStackSettings = (env: Env, repoRoot: string): StackSettings => {
  const s = stackSettings(env);
  const stackDir = absolute(s.stackDir, join(repoRoot, '.stack'), repoRoot);
  return {
    host: s.host,
    ports: s.ports,
    kafkaBrokers: s.kafkaBrokers === '3' ? 3 : 1,
    versions: {
      kafka: s.kafkaVersion,
      debezium: s.debeziumVersion,
      apicurio: s.apicurioVersion,
      apicurioConverter: s.apicurioConverterVersion,
      log4j: s.log4jVersion,
    },
    heaps: {
      kafka: s.kafkaHeap ?? (s.kafkaBrokers === '3' ? KAFKA_HEAP_OF_THREE : STACK_DEFAULTS.STACK_KAFKA_HEAP),
      connect: s.connectHeap,
      registry: s.registryHeap,
    },
    pgMaxSlotWalKeepSize: s.pgMaxSlotWalKeepSize,
    healthTimeoutMs: s.healthTimeoutSeconds * 1000,
    stackDir,
    cacheDir: absolute(s.cacheDir, join(stackDir, 'cache'), repoRoot),
    javaHome: s.javaHome,
    repoRoot,
  };
};

const absolute = (value: string | undefined, fallback: string, base: string): string => (value ? (isAbsolute(value) ? value : resolve(base, value)) : fallback);
