import { ConnectError } from './connect-error.js';

export type ConnectState = 'RUNNING' | 'PAUSED' | 'FAILED' | 'UNASSIGNED' | 'RESTARTING' | 'STOPPED';

export interface ConnectorStatus {
  readonly name: string;
  readonly connector: { readonly state: ConnectState; readonly worker_id: string; readonly trace?: string };
  readonly tasks: readonly { readonly id: number; readonly state: ConnectState; readonly worker_id: string; readonly trace?: string }[];
}

export interface ConnectPlugin {
  readonly class: string;
  readonly type: string;
  readonly version: string;
}

/** The Kafka Connect REST calls we use; nothing else talks to Connect. */
export interface ConnectClient {
  readonly baseUrl: string;
  /** Every plugin the worker found: connectors, converters, transforms. */
  plugins(): Promise<readonly ConnectPlugin[]>;
  putConfig(name: string, config: Readonly<Record<string, string>>): Promise<{ created: boolean }>;
  config(name: string): Promise<Readonly<Record<string, string>> | undefined>;
  status(name: string): Promise<ConnectorStatus | undefined>;
  restartTask(name: string, task: number): Promise<void>;
  deleteConnector(name: string): Promise<void>;
  connectors(): Promise<readonly string[]>;
  /** Stops (STOPPED: tasks shut down, config kept) or pauses a connector; `resume` brings either back. */
  stop(name: string): Promise<void>;
  pause(name: string): Promise<void>;
  resume(name: string): Promise<void>;
  /** Restarts the connector and its tasks (all of them, not only failed ones). */
  restart(name: string): Promise<void>;
  /** Forgets a STOPPED connector's source offsets (KIP-875): on resume it starts as if new. */
  resetOffsets(name: string): Promise<void>;
}

export const createConnectClient = ({ baseUrl, timeoutMs = 10_000 }: { baseUrl: string; timeoutMs?: number }): ConnectClient => {
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    try {
      return await fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      throw new ConnectError('connect_unreachable', `Kafka Connect is not reachable at ${baseUrl} (${cause}); is the stack up? Try: npm run stack -- up`, {
        retriable: true,
      });
    }
  };
  const json = async <T>(res: Response, what: string): Promise<T> => {
    if (!res.ok) {
      const text = await res.text();
      const message = (() => {
        try {
          return (JSON.parse(text) as { message?: string }).message ?? text;
        } catch {
          return text;
        }
      })();
      throw new ConnectError('rejected', `${what}: Connect answered ${res.status}: ${message}`, { status: res.status, retriable: res.status >= 500 });
    }
    return (await res.json()) as T;
  };
  const name = (n: string) => encodeURIComponent(n);
  /** 2xx, with or without a body. */
  const accepted = async (res: Response, what: string): Promise<void> => {
    if (!res.ok) await json(res, what);
  };
  return {
    baseUrl,
    plugins: async () => json<ConnectPlugin[]>(await call('GET', '/connector-plugins?connectorsOnly=false'), 'listing plugins'),
    putConfig: async (n, config) => {
      const res = await call('PUT', `/connectors/${name(n)}/config`, config);
      await json(res, `PUT /connectors/${n}/config`);
      return { created: res.status === 201 };
    },
    config: async (n) => {
      const res = await call('GET', `/connectors/${name(n)}/config`);
      return res.status === 404 ? undefined : json<Record<string, string>>(res, `config of ${n}`);
    },
    status: async (n) => {
      const res = await call('GET', `/connectors/${name(n)}/status`);
      return res.status === 404 ? undefined : json<ConnectorStatus>(res, `status of ${n}`);
    },
    restartTask: async (n, task) => {
      const res = await call('POST', `/connectors/${name(n)}/tasks/${task}/restart`);
      if (!res.ok && res.status !== 409) await json(res, `restarting task ${task} of ${n}`);
    },
    deleteConnector: async (n) => {
      const res = await call('DELETE', `/connectors/${name(n)}`);
      if (!res.ok && res.status !== 404) await json(res, `deleting ${n}`);
    },
    connectors: async () => json<string[]>(await call('GET', '/connectors'), 'listing connectors'),
    stop: async (n) => void (await accepted(await call('PUT', `/connectors/${name(n)}/stop`), `stopping ${n}`)),
    pause: async (n) => void (await accepted(await call('PUT', `/connectors/${name(n)}/pause`), `pausing ${n}`)),
    resume: async (n) => void (await accepted(await call('PUT', `/connectors/${name(n)}/resume`), `resuming ${n}`)),
    restart: async (n) => void (await accepted(await call('POST', `/connectors/${name(n)}/restart?includeTasks=true&onlyFailed=false`), `restarting ${n}`)),
    resetOffsets: async (n) => void (await accepted(await call('DELETE', `/connectors/${name(n)}/offsets`), `resetting the offsets of ${n}`)),
  };
};
