import { ConfigError } from '@eap/pipeline-config';
import { parseHistogram, type HistogramSample } from './prometheus-histogram.js';

export type PipelineApp = 'enrichment-processor' | 'summary-aggregator' | 'activity-simulator';

/** One of our apps as its health server answers: `/healthz` and, when asked, a latency histogram from `/metrics`. */
export type AppProbe =
  | {
      readonly app: PipelineApp;
      readonly address: string;
      readonly up: true;
      readonly healthy: boolean;
      readonly uptimeSeconds: number | null;
      readonly detail: Readonly<Record<string, unknown>>;
      readonly latency: HistogramSample | null;
    }
  | { readonly app: PipelineApp; readonly address: string; readonly up: false; readonly error: string };

/** The health address of each app, from the same settings the apps read (PROCESSOR_HEALTH_PORT, ...). */
export const appHealthAddresses = (env: Readonly<Record<string, string | undefined>>): Readonly<Record<PipelineApp, string>> => {
  // `<APP>_HEALTH_URL` when the app runs elsewhere (another host, a container); else loopback and its port.
  const address = (prefix: string, port: string) => {
    const url = env[`${prefix}_HEALTH_URL`]?.trim().replace(/\/+$/, '');
    if (url && !/^https?:\/\/[^/\s]+$/.test(url)) throw new ConfigError(`${prefix}_HEALTH_URL`, `"${url}" must be http(s)://host:port with no path`);
    return url || `http://127.0.0.1:${env[`${prefix}_HEALTH_PORT`] ?? port}`;
  };
  return {
    'enrichment-processor': address('PROCESSOR', '9464'),
    'summary-aggregator': address('AGGREGATOR', '9465'),
    'activity-simulator': address('SIMULATOR', '9466'),
  };
};

const LATENCY_METRIC: Readonly<Record<PipelineApp, string | null>> = {
  'enrichment-processor': 'enrichment_end_to_end_latency_seconds',
  'summary-aggregator': 'aggregator_end_to_end_latency_seconds',
  'activity-simulator': null,
};

/** Asks an app how it is; an app that does not answer is down, with why, never thrown. */
export const probeApp = async (app: PipelineApp, address: string, timeoutMs = 2_000): Promise<AppProbe> => {
  try {
    const res = await fetch(`${address}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    const detail = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    const metric = LATENCY_METRIC[app];
    const latency =
      metric === null ? null : parseHistogram(await (await fetch(`${address}/metrics`, { signal: AbortSignal.timeout(timeoutMs) })).text(), metric);
    const uptime = detail['uptimeSeconds'];
    return { app, address, up: true, healthy: res.ok, uptimeSeconds: typeof uptime === 'number' ? uptime : null, detail, latency };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const error =
      err.cause?.code === 'ECONNREFUSED' ? 'not running (connection refused)' : err.cause?.message ? `${err.message}: ${err.cause.message}` : err.message;
    return { app, address, up: false, error };
  }
};
