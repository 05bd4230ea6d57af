import { pgConnectionFromEnv } from '@eap/pg-io';
import { DEFAULT_MIX, formatTrafficMix, parseTrafficMix, type TrafficMix } from '@eap/activity-traffic';
import {
  ConfigError,
  defineSettings,
  healthServerSettings,
  parseCommandLine,
  pipelineNamesSettings,
  setting,
  type Env,
  type ProgramSpec,
} from '@eap/pipeline-config';

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

/** The setting each option overrides. */
const OPTION_SETTINGS = {
  rate: 'SIMULATOR_RATE',
  rows: 'SIMULATOR_ROWS',
  duration: 'SIMULATOR_DURATION',
  seed: 'SIMULATOR_SEED',
  mix: 'SIMULATOR_MIX',
  backdate: 'SIMULATOR_BACKDATE_SHARE',
  batch: 'SIMULATOR_MAX_BATCH',
} as const satisfies Record<keyof typeof SIMULATOR_OPTIONS, string>;

const DURATION = /^(\d+(?:\.\d+)?)(s|m|h)?$/;

export const parseDuration = (text: string): number | undefined => {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * (m[2] === 'h' ? 3_600 : m[2] === 'm' ? 60 : 1);
  return seconds > 0 ? seconds : undefined;
};

/** The SIMULATOR_* settings (each option of the command line overrides one), its health server and the pipeline's database. */
export const simulatorSettings = defineSettings(
  'activity-simulator',
  {
    rowsPerSecond: setting.number('SIMULATOR_RATE', { default: 50, min: 0.1, max: 100_000, describe: 'target rows per second (`--rate`)' }),
    rows: setting.int('SIMULATOR_ROWS', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
      accepts: 'an integer, at least 1',
      defaultText: 'none',
      describe: 'stop after this many rows (`--rows`)',
    }),
    durationSeconds: setting.custom('SIMULATOR_DURATION', {
      accepts: 'a time such as 90, 30s, 5m or 1h',
      parse: (text) => {
        const seconds = parseDuration(text);
        return seconds === undefined ? { error: `must be a time such as 90, 30s, 5m or 1h, got "${text}"` } : { value: seconds };
      },
      defaultText: 'none',
      describe: 'stop after a time: `90`, `30s`, `5m`, `1h` (`--duration`)',
    }),
    seed: setting.int('SIMULATOR_SEED', {
      default: 1,
      min: 0,
      max: 2 ** 32 - 1,
      accepts: 'an integer from 0 to 4294967295',
      describe: 'the same seed writes the same operations, given the same ids (`--seed`)',
    }),
    mix: setting.custom('SIMULATOR_MIX', {
      default: DEFAULT_MIX,
      show: (m: TrafficMix) => `\`${formatTrafficMix(m)}\``,
      accepts: 'op=weight pairs of insert, update and delete',
      parse: (text) => {
        const r = parseTrafficMix(text);
        return r.kind === 'ok' ? { value: r.mix } : { error: `${r.detail}, e.g. ${formatTrafficMix(DEFAULT_MIX)}` };
      },
      describe: 'weights of the operations (`--mix`)',
    }),
    backdateShare: setting.number('SIMULATOR_BACKDATE_SHARE', {
      default: 0.05,
      min: 0,
      max: 1,
      describe: 'share of rows timed up to 72 h back (`--backdate`)',
    }),
    maxBatch: setting.int('SIMULATOR_MAX_BATCH', {
      min: 1,
      max: 10_000,
      accepts: 'an integer from 1 to 10000',
      defaultText: 'rate / 10 (1-1,000)',
      describe: 'rows per transaction at most (`--batch`)',
    }),
    progressSeconds: setting.int('SIMULATOR_PROGRESS_SECONDS', {
      default: 10,
      min: 1,
      max: 3_600,
      describe: 'seconds between progress lines when the output is not a terminal (on one, the line is redrawn every second)',
    }),
    health: healthServerSettings('SIMULATOR', 9466),
    names: pipelineNamesSettings,
  },
  {
    map: ({ health, names, rows, durationSeconds, maxBatch, ...rest }): SimulatorConfig => ({
      ...rest,
      ...health,
      rows: rows ?? null,
      durationSeconds: durationSeconds ?? null,
      maxBatch: maxBatch ?? Math.max(1, Math.min(1_000, Math.ceil(rest.rowsPerSecond / 10))),
      database: names.database,
    }),
  },
);

/** The simulator's command line: options, each with the setting it overrides. */
export const simulatorProgram: ProgramSpec = {
  invocation: 'node apps/activity-simulator/dist/main.js',
  summary: [
    'Writes a realistic load of employee activities (inserts, updates, moves, deletes) into streaming_db at',
    'a steady rate. From sources: npx nx serve activity-simulator -- [options]. npm start runs it at 50 rows/s.',
  ].join('\n'),
  main: { help: 'Writes activity rows.', options: SIMULATOR_OPTIONS },
  settingsReaders: [simulatorSettings, (env) => pgConnectionFromEnv(env)],
  notes: 'Ctrl-C stops after the current transaction.',
};

/** Command-line options first, then SIMULATOR_* settings, then defaults; a bad value names its option. */
export const simulatorConfigFrom = (argv: readonly string[], env: Env): SimulatorConfig => {
  const parsed = parseCommandLine(argv, simulatorProgram);
  if (parsed.kind === 'help') throw new ConfigError('options', 'use acceptCommandLine for --help');
  if (parsed.kind === 'invalid') throw new ConfigError('options', parsed.message);
  const overrides = Object.entries(OPTION_SETTINGS).flatMap(([option, name]) => {
    const value = parsed.values[option];
    return typeof value === 'string' ? [[name, value]] : [];
  });
  try {
    return simulatorSettings({ ...env, ...Object.fromEntries(overrides) });
  } catch (e) {
    const option = e instanceof ConfigError ? Object.entries(OPTION_SETTINGS).find(([, name]) => name === e.setting)?.[0] : undefined;
    if (!option) throw e;
    const { setting: name, message } = e as ConfigError;
    throw new ConfigError(`--${option} (${name})`, message.slice(name.length + 2));
  }
};
