import { pgConnectionFromEnv } from '@eap/pg-io';
import { DEFAULT_MIX, formatTrafficMix, parseTrafficMix, type TrafficMix } from '@eap/activity-traffic';
import { ConfigError, healthHostSetting, intSetting, parseCommandLine, pipelineNamesFromEnv, type Env, type ProgramSpec } from '@eap/pipeline-config';

export interface SimulatorConfig {
  readonly rowsPerSecond: number;
  /** Stop after this many rows (null: no limit). */
  readonly rows: number | null;
  /** Stop after this many seconds (null: no limit). */
  readonly durationSeconds: number | null;
  readonly seed: number;
  readonly mix: TrafficMix;
  readonly backdateShare: number;
  /** Rows per transaction at most (default: a tenth of a second's worth, 1-1,000). */
  readonly maxBatch: number;
  readonly healthPort: number;
  /** The health server's bind address (loopback by default). */
  readonly healthHost: string;
  readonly database: string;
  /** Seconds between progress lines; on a terminal the line is redrawn every second. */
  readonly progressSeconds: number;
}

const SIMULATOR_OPTIONS = {
  rate: { type: 'string', value: 'rows/s', help: 'target rows per second (SIMULATOR_RATE, default 50)' },
  rows: { type: 'string', value: 'n', help: 'stop after n rows (SIMULATOR_ROWS)' },
  duration: { type: 'string', value: 'time', help: 'stop after a time: 90, 30s, 5m, 1h (SIMULATOR_DURATION)' },
  seed: { type: 'string', value: 'n', help: 'seed of the traffic: the same seed writes the same rows (SIMULATOR_SEED, default 1)' },
  mix: { type: 'string', value: 'weights', help: 'insert=80,update=15,delete=5 (SIMULATOR_MIX)' },
  backdate: { type: 'string', value: 'share', help: 'share of rows timed up to 72 h back, 0-1 (SIMULATOR_BACKDATE_SHARE, default 0.05)' },
  batch: { type: 'string', value: 'n', help: 'rows per transaction at most (SIMULATOR_MAX_BATCH, default rate/10)' },
} as const;

/** The simulator's command line: options, each with the setting it overrides. */
export const simulatorProgram: ProgramSpec = {
  invocation: 'node apps/activity-simulator/dist/main.js',
  summary: [
    'Writes a realistic load of employee activities (inserts, updates, moves, deletes) into streaming_db at',
    'a steady rate. From sources: npx nx serve activity-simulator -- [options]. npm start runs it at 50 rows/s.',
  ].join('\n'),
  main: { help: 'Writes activity rows.', options: SIMULATOR_OPTIONS },
  settingsReaders: [(env) => simulatorConfigFrom([], env), (env) => pgConnectionFromEnv(env)],
  notes: 'Ctrl-C stops after the current transaction.',
};

const DURATION = /^(\d+(?:\.\d+)?)(s|m|h)?$/;

export const parseDuration = (text: string): number | undefined => {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * (m[2] === 'h' ? 3_600 : m[2] === 'm' ? 60 : 1);
  return seconds > 0 ? seconds : undefined;
};

const numberOption = (name: string, text: string | undefined, fallback: number, min: number, max: number, integer = true): number => {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new ConfigError(name, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got "${text}"`);
  }
  return n;
};

/** Command-line options first, then SIMULATOR_* settings, then defaults; a bad value names its option. */
export const simulatorConfigFrom = (argv: readonly string[], env: Env): SimulatorConfig => {
  const parsed = parseCommandLine(argv, simulatorProgram);
  if (parsed.kind === 'help') throw new ConfigError('options', 'use acceptCommandLine for --help');
  if (parsed.kind === 'invalid') throw new ConfigError('options', parsed.message);
  const { values } = parsed;
  const opt = (name: string, envName: string) => (values[name] as string | undefined) ?? env[envName];
  const rowsPerSecond = numberOption('--rate (SIMULATOR_RATE)', opt('rate', 'SIMULATOR_RATE'), 50, 0.1, 100_000, false);
  const mixText = opt('mix', 'SIMULATOR_MIX');
  const parsedMix = mixText === undefined ? ({ kind: 'ok', mix: DEFAULT_MIX } as const) : parseTrafficMix(mixText);
  if (parsedMix.kind === 'invalid') throw new ConfigError('--mix (SIMULATOR_MIX)', `${parsedMix.detail}, e.g. ${formatTrafficMix(DEFAULT_MIX)}`);
  const durationText = opt('duration', 'SIMULATOR_DURATION');
  const durationSeconds = durationText === undefined ? null : parseDuration(durationText);
  if (durationSeconds === undefined)
    throw new ConfigError('--duration (SIMULATOR_DURATION)', `must be a time such as 90, 30s, 5m or 1h, got "${durationText}"`);
  const rowsText = opt('rows', 'SIMULATOR_ROWS');
  return {
    rowsPerSecond,
    rows: rowsText === undefined || rowsText === '' ? null : numberOption('--rows (SIMULATOR_ROWS)', rowsText, 0, 1, Number.MAX_SAFE_INTEGER),
    durationSeconds,
    seed: numberOption('--seed (SIMULATOR_SEED)', opt('seed', 'SIMULATOR_SEED'), 1, 0, 2 ** 32 - 1),
    mix: parsedMix.mix,
    backdateShare: numberOption('--backdate (SIMULATOR_BACKDATE_SHARE)', opt('backdate', 'SIMULATOR_BACKDATE_SHARE'), 0.05, 0, 1, false),
    maxBatch: numberOption(
      '--batch (SIMULATOR_MAX_BATCH)',
      opt('batch', 'SIMULATOR_MAX_BATCH'),
      Math.max(1, Math.min(1_000, Math.ceil(rowsPerSecond / 10))),
      1,
      10_000,
    ),
    healthPort: intSetting(env, 'SIMULATOR_HEALTH_PORT', 9466, 0, 65535),
    healthHost: healthHostSetting(env, 'SIMULATOR_HEALTH_HOST'),
    database: pipelineNamesFromEnv(env).database,
    progressSeconds: numberOption('SIMULATOR_PROGRESS_SECONDS', env['SIMULATOR_PROGRESS_SECONDS'], 10, 1, 3_600),
  };
};
