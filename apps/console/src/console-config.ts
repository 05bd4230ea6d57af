import { ConfigError, intSetting, logLevelFromEnv, type Env, type LogLevelSetting } from '@eap/pipeline-config';
import { appHealthAddresses, opsSettingsFromEnv, type OpsSettings, type PipelineApp } from '@eap/pipeline-ops';
import { parseWindowingConfig } from '@eap/windowing';

export interface ConsoleConfig {
  readonly host: string;
  readonly port: number;
  readonly ops: OpsSettings;
  readonly apps: Readonly<Record<PipelineApp, string>>;
  /** How often the stack, topics, groups and apps are read. */
  readonly refreshMs: number;
  /** Points kept per topic and group for rates, sparklines and trends. */
  readonly historyPoints: number;
  readonly eventsKept: number;
  readonly dlqKept: number;
  /** Summary windows kept: the latest this many hours that have summaries. */
  readonly summaryHours: number;
  /** The aggregator's WINDOW_RETENTION_HOURS, for verify's horizon. */
  readonly retentionHours: number;
  readonly logLevel: LogLevelSetting;
}

const HOSTS = /^[a-zA-Z0-9.:-]+$/;

/** CONSOLE_* settings, plus the stack and pipeline settings every app and the CLI read. */
export const consoleConfigFromEnv = (env: Env): ConsoleConfig => {
  const host = env['CONSOLE_HOST'] ?? '127.0.0.1';
  if (!HOSTS.test(host)) throw new ConfigError('CONSOLE_HOST', `must be a host name or address, got "${host}"`);
  return {
    host,
    port: intSetting(env, 'CONSOLE_PORT', 8080, 0, 65535),
    ops: opsSettingsFromEnv(env),
    apps: appHealthAddresses(env),
    refreshMs: intSetting(env, 'CONSOLE_REFRESH_MS', 2_000, 250, 60_000),
    historyPoints: intSetting(env, 'CONSOLE_HISTORY_POINTS', 60, 2, 1_000),
    eventsKept: intSetting(env, 'CONSOLE_EVENTS_KEPT', 50, 1, 1_000),
    dlqKept: intSetting(env, 'CONSOLE_DLQ_KEPT', 20, 1, 1_000),
    summaryHours: intSetting(env, 'CONSOLE_SUMMARY_HOURS', 48, 1, 24 * 31),
    retentionHours: parseWindowingConfig(env).retentionHours,
    logLevel: logLevelFromEnv(env),
  };
};
