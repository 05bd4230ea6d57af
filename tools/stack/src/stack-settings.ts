import { isAbsolute, join, resolve } from 'node:path';

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
  STACK_LOG4J_VERSION: '2.24.3',
  STACK_PG_MAX_SLOT_WAL_KEEP_SIZE: '2GB',
  STACK_KAFKA_HEAP: '512m',
  STACK_CONNECT_HEAP: '512m',
  STACK_REGISTRY_HEAP: '384m',
  STACK_HEALTH_TIMEOUT_SECONDS: '180',
} as const;

export type StackSettingName = keyof typeof STACK_DEFAULTS | 'STACK_DIR' | 'STACK_CACHE_DIR' | 'STACK_JAVA_HOME';

export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
  constructor(
    readonly setting: StackSettingName,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

export interface StackPorts {
  readonly postgres: number;
  readonly kafka: number;
  readonly controller: number;
  readonly connect: number;
  readonly registry: number;
}

export interface StackSettings {
  readonly host: string;
  readonly ports: StackPorts;
  readonly versions: { readonly kafka: string; readonly debezium: string; readonly apicurio: string; readonly log4j: string };
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

type Env = Readonly<Record<string, string | undefined>>;

const PORT_SETTINGS = {
  postgres: 'STACK_POSTGRES_PORT',
  kafka: 'STACK_KAFKA_PORT',
  controller: 'STACK_CONTROLLER_PORT',
  connect: 'STACK_CONNECT_PORT',
  registry: 'STACK_REGISTRY_PORT',
} as const satisfies Record<keyof StackPorts, StackSettingName>;

const VERSION_PATTERNS = {
  STACK_KAFKA_VERSION: /^\d+\.\d+\.\d+$/,
  STACK_DEBEZIUM_VERSION: /^\d+\.\d+\.\d+\.(Final|CR\d+|Beta\d+|Alpha\d+)$/,
  STACK_APICURIO_VERSION: /^\d+\.\d+\.\d+(\.Final)?$/,
  STACK_LOG4J_VERSION: /^\d+\.\d+\.\d+$/,
} as const;

const HEAP = /^\d+[mg]$/;
const WAL_SIZE = /^\d+(kB|MB|GB|TB)$/;

/** Reads and validates the settings; a bad one throws a StackConfigError naming it. Pure. */
export const parseStackSettings = (env: Env, repoRoot: string): StackSettings => {
  const get = (name: keyof typeof STACK_DEFAULTS): string => env[name]?.trim() || STACK_DEFAULTS[name];
  const ports = Object.fromEntries(Object.entries(PORT_SETTINGS).map(([key, name]) => [key, parsePort(name, get(name))])) as unknown as StackPorts;
  const seen = new Map<number, string>();
  for (const [key, name] of Object.entries(PORT_SETTINGS)) {
    const port = ports[key as keyof StackPorts];
    const other = seen.get(port);
    if (other) throw new StackConfigError(name, `port ${port} is already used by ${other}; every component needs its own port`);
    seen.set(port, name);
  }
  for (const [name, pattern] of Object.entries(VERSION_PATTERNS) as [keyof typeof VERSION_PATTERNS, RegExp][]) {
    if (!pattern.test(get(name))) {
      throw new StackConfigError(name, `"${get(name)}" is not a version of the form ${pattern.source} (default ${STACK_DEFAULTS[name]})`);
    }
  }
  for (const name of ['STACK_KAFKA_HEAP', 'STACK_CONNECT_HEAP', 'STACK_REGISTRY_HEAP'] as const) {
    if (!HEAP.test(get(name))) throw new StackConfigError(name, `"${get(name)}" must be a JVM heap size like 512m or 1g`);
  }
  if (!WAL_SIZE.test(get('STACK_PG_MAX_SLOT_WAL_KEEP_SIZE'))) {
    throw new StackConfigError('STACK_PG_MAX_SLOT_WAL_KEEP_SIZE', `"${get('STACK_PG_MAX_SLOT_WAL_KEEP_SIZE')}" must be a size like 2GB or 512MB`);
  }
  const timeout = Number(get('STACK_HEALTH_TIMEOUT_SECONDS'));
  if (!Number.isInteger(timeout) || timeout < 10 || timeout > 3600) {
    throw new StackConfigError('STACK_HEALTH_TIMEOUT_SECONDS', `"${get('STACK_HEALTH_TIMEOUT_SECONDS')}" must be whole seconds between 10 and 3600`);
  }
  const host = get('STACK_HOST');
  if (!/^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(host)) {
    throw new StackConfigError('STACK_HOST', `"${host}" is not a loopback address; the embedded stack only listens on loopback`);
  }
  const stackDir = absolute(env['STACK_DIR'], join(repoRoot, '.stack'), repoRoot);
  return {
    host,
    ports,
    versions: {
      kafka: get('STACK_KAFKA_VERSION'),
      debezium: get('STACK_DEBEZIUM_VERSION'),
      apicurio: get('STACK_APICURIO_VERSION'),
      log4j: get('STACK_LOG4J_VERSION'),
    },
    heaps: { kafka: get('STACK_KAFKA_HEAP'), connect: get('STACK_CONNECT_HEAP'), registry: get('STACK_REGISTRY_HEAP') },
    pgMaxSlotWalKeepSize: get('STACK_PG_MAX_SLOT_WAL_KEEP_SIZE'),
    healthTimeoutMs: timeout * 1000,
    stackDir,
    cacheDir: absolute(env['STACK_CACHE_DIR'], join(stackDir, 'cache'), repoRoot),
    javaHome: env['STACK_JAVA_HOME']?.trim() || undefined,
    repoRoot,
  };
};

const parsePort = (name: StackSettingName, raw: string): number => {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1024 || port > 65535) {
    throw new StackConfigError(name, `"${raw}" is not a port number between 1024 and 65535`);
  }
  return port;
};

const absolute = (value: string | undefined, fallback: string, base: string): string =>
  value?.trim() ? (isAbsolute(value) ? value : resolve(base, value)) : fallback;
