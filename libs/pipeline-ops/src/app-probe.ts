import { defineSettings, healthPortSetting, setting } from '@eap/pipeline-config';
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

const healthUrlSetting = (prefix: 'PROCESSOR' | 'AGGREGATOR' | 'SIMULATOR', app: PipelineApp) =>
  setting.string(`${prefix}_HEALTH_URL`, {
    pattern: /^https?:\/\/[^/\s]+\/*$/,
    accepts: 'http(s)://host:port with no path',
    defaultText: `\`http://127.0.0.1:<${prefix}_HEALTH_PORT>\``,
    describe: `where the console and \`pipeline status\` reach the ${app} when it runs elsewhere (Docker: \`http://${app}:<port>\`)`,
  });

/** Where each app's health server answers: `<APP>_HEALTH_URL` when the app runs elsewhere (another host, a container); else loopback and its port. */
export const appHealthSettings = defineSettings(
  'app-health',
  {
    processorUrl: healthUrlSetting('PROCESSOR', 'enrichment-processor'),
    processorPort: healthPortSetting('PROCESSOR', 9464),
    aggregatorUrl: healthUrlSetting('AGGREGATOR', 'summary-aggregator'),
    aggregatorPort: healthPortSetting('AGGREGATOR', 9465),
    simulatorUrl: healthUrlSetting('SIMULATOR', 'activity-simulator'),
    simulatorPort: healthPortSetting('SIMULATOR', 9466),
  },
  {
    map: (v): Readonly<Record<PipelineApp, string>> => {
      const address = (url: string | undefined, port: number) => url?.replace(/\/+$/, '') || `http://127.0.0.1:${port}`;
      return {
        'enrichment-processor': address(v.processorUrl, v.processorPort),
        'summary-aggregator': address(v.aggregatorUrl, v.aggregatorPort),
        'activity-simulator': address(v.simulatorUrl, v.simulatorPort),
      };
    },
  },
);

/** The health address of each app, from the same settings the apps read (PROCESSOR_HEALTH_PORT, ...). */
export const appHealthAddresses = (env: Readonly<Record<string, string | undefined>>): Readonly<Record<PipelineApp, string>> => appHealthSettings(env);

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
