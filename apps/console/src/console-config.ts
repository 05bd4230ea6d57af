import { defineSettings, loggingSettings, setting, type Env, type LogLevelSetting } from '@eap/pipeline-config';
import {
  alertSettings,
  appHealthSettings,
  opsSettings,
  redriveSettings,
  type AlertThresholds,
  type OpsSettings,
  type PipelineApp,
  type RedriveSettings,
} from '@eap/pipeline-ops';
import { windowingSettings } from '@eap/windowing';

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
  /** When the alerts banner raises an alert (ALERT_* settings, as `doctor` reads them). */
  readonly thresholds: AlertThresholds;
  /** The processor's rules, for the DLQ's Redrive buttons (the settings `dlq redrive` reads). */
  readonly redrive: RedriveSettings;
  readonly logLevel: LogLevelSetting;
}

/** CONSOLE_* settings, plus the stack and pipeline settings every app and the CLI read. */
export const consoleSettings = defineSettings(
  'console',
  {
    host: setting.string('CONSOLE_HOST', {
      default: '127.0.0.1',
      pattern: /^[a-zA-Z0-9.:-]+$/,
      accepts: 'a host name or address',
      describe: 'where the console listens',
    }),
    port: setting.int('CONSOLE_PORT', {
      default: 8080,
      min: 0,
      max: 65535,
      describe: "the console's port (a taken port stops it at start, naming `CONSOLE_PORT`)",
    }),
    refreshMs: setting.int('CONSOLE_REFRESH_MS', { default: 2_000, min: 250, max: 60_000, describe: 'how often the stack, topics, groups and apps are read' }),
    historyPoints: setting.int('CONSOLE_HISTORY_POINTS', {
      default: 60,
      min: 2,
      max: 1_000,
      describe: 'points kept per topic and group for rates, sparklines and trends',
    }),
    eventsKept: setting.int('CONSOLE_EVENTS_KEPT', { default: 50, min: 1, max: 1_000, describe: 'latest enriched events kept' }),
    dlqKept: setting.int('CONSOLE_DLQ_KEPT', { default: 20, min: 1, max: 1_000, describe: 'latest dead-letter records kept' }),
    summaryHours: setting.int('CONSOLE_SUMMARY_HOURS', {
      default: 48,
      min: 1,
      max: 24 * 31,
      describe: 'summary windows kept: the latest this many hours that have summaries',
    }),
    logging: loggingSettings,
    ops: opsSettings,
    apps: appHealthSettings,
    windowing: windowingSettings,
    alerts: alertSettings,
    redrive: redriveSettings,
  },
  {
    map: ({ windowing, logging, alerts, ...rest }): ConsoleConfig => ({
      ...rest,
      ...logging,
      retentionHours: windowing.retentionHours,
      thresholds: { lagSeconds: alerts.lagSeconds, slotWalShare: alerts.slotWalShare },
    }),
  },
);

export const consoleConfigFromEnv = (env: Env): ConsoleConfig => consoleSettings(env);
