import { ConnectError } from './connect-error.js';
import { convertersOf, WRITER_SCHEMA_CACHING_RESOLVER } from './connector-format.js';
import type { ConnectClient, ConnectorStatus } from './connect-rest-client.js';

export const DEBEZIUM_POSTGRES_CONNECTOR = 'io.debezium.connector.postgresql.PostgresConnector';

export interface RegistrarEvents {
  /** `registrar.<event>` instrumentation, e.g. for progress lines. */
  (
    event: 'registrar.preflight' | 'registrar.put' | 'registrar.waiting' | 'registrar.task_restart' | 'registrar.running',
    detail: Readonly<Record<string, unknown>>,
  ): void;
}

export interface RegisterOptions {
  readonly client: ConnectClient;
  readonly name: string;
  readonly config: Readonly<Record<string, string>>;
  /** Checks the database the connector will read (reachable, wal_level=logical); throws ConnectError. */
  readonly checkDatabase: () => Promise<void>;
  readonly timeoutMs?: number;
  readonly maxTaskRestarts?: number;
  readonly on?: RegistrarEvents;
  readonly sleep?: (ms: number) => Promise<void>;
}

const running = (s: ConnectorStatus | undefined) => s?.connector.state === 'RUNNING' && s.tasks.length > 0 && s.tasks.every((t) => t.state === 'RUNNING');

const firstLine = (trace: string | undefined) => {
  const line =
    trace
      ?.split('\n')
      .find((l) => l.includes('Exception') || l.includes('Error'))
      ?.trim() ?? trace?.split('\n')[0];
  // A Connect without the embedded stack's plugin folder (a stock image), or an embedded one started
  // before its folder had the resolver (the stack fetches it when Connect next starts), cannot load it.
  return trace?.includes(WRITER_SCHEMA_CACHING_RESOLVER)
    ? `${line} (this Connect lacks the project's caching schema resolver: for the embedded stack, \`npm run stack -- restart connect\` fetches it; for another Connect, set CONNECT_AVRO_SCHEMA_CACHE=false)`
    : line;
};

/**
 * Creates or updates the connector idempotently (PUT /connectors/{name}/config), then waits until the
 * connector and every task are RUNNING, restarting failed tasks a few times with backoff.
 */
export const registerConnector = async ({
  client,
  name,
  config,
  checkDatabase,
  timeoutMs = 60_000,
  maxTaskRestarts = 3,
  on = () => undefined,
  sleep = (ms) => new Promise((r) => setTimeout(r, ms)),
}: RegisterOptions): Promise<ConnectorStatus> => {
  on('registrar.preflight', { connect: client.baseUrl });
  const plugins = await client.plugins();
  const plugin = plugins.find((p) => p.class === config['connector.class']);
  if (!plugin) {
    throw new ConnectError(
      'plugin_missing',
      `Kafka Connect at ${client.baseUrl} has no ${config['connector.class']} plugin (its connectors: ${
        plugins
          .filter((p) => p.type === 'source' || p.type === 'sink')
          .map((p) => p.class)
          .join(', ') || 'none'
      }); check plugin.path`,
    );
  }
  const missing = convertersOf(config).filter((c) => !plugins.some((p) => p.class === c));
  if (missing.length > 0) {
    throw new ConnectError(
      'plugin_missing',
      `Kafka Connect at ${client.baseUrl} has no ${missing.join(' or ')} converter; put it on the worker's plugin.path (the embedded stack fetches Apicurio's), or set CONNECTOR_FORMAT=json`,
    );
  }
  await checkDatabase();
  const { created } = await client.putConfig(name, config);
  on('registrar.put', { name, created, plugin: plugin.version });

  const deadline = Date.now() + timeoutMs;
  const restarts = new Map<number, number>();
  let last: ConnectorStatus | undefined;
  while (Date.now() < deadline) {
    last = await client.status(name);
    if (running(last)) {
      on('registrar.running', { name, tasks: last!.tasks.length });
      return last!;
    }
    for (const task of last?.tasks.filter((t) => t.state === 'FAILED') ?? []) {
      const n = restarts.get(task.id) ?? 0;
      if (n >= maxTaskRestarts) {
        throw new ConnectError('task_failed', `task ${task.id} of ${name} failed ${n + 1} times: ${firstLine(task.trace)}`, { trace: task.trace ?? '' });
      }
      restarts.set(task.id, n + 1);
      on('registrar.task_restart', { name, task: task.id, attempt: n + 1, reason: firstLine(task.trace) });
      await sleep(500 * 2 ** n + Math.random() * 250);
      await client.restartTask(name, task.id);
    }
    if (last?.connector.state === 'FAILED') {
      throw new ConnectError('task_failed', `connector ${name} failed: ${firstLine(last.connector.trace)}`, { trace: last.connector.trace ?? '' });
    }
    on('registrar.waiting', { name, connector: last?.connector.state ?? 'absent', tasks: last?.tasks.map((t) => t.state) ?? [] });
    await sleep(250);
  }
  throw new ConnectError(
    'timeout',
    `connector ${name} not RUNNING after ${timeoutMs / 1000} s (connector ${last?.connector.state ?? 'absent'}, tasks ${last?.tasks.map((t) => t.state).join(',') || 'none'})`,
    { retriable: true },
  );
};
