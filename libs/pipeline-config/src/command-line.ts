import { parseArgs } from 'node:util';
import type { Env } from './config-error.js';
import { settingsReadBy } from './settings-read-by.js';

/** One option of a command: `--name` (boolean) or `--name <value>` (string). */
export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
  /** What the value is, in the usage: `--lines <n>`. */
  readonly value?: string;
  readonly help: string;
}

/** A command: its positional arguments and its options. */
export interface CommandSpec {
  /** One line (or a few) for the usage. */
  readonly help: string;
  /** Positional arguments as shown in the usage, e.g. `<component>`; their count is checked. */
  readonly args?: readonly { readonly name: string; readonly optional?: boolean }[];
  readonly options?: Readonly<Record<string, OptionSpec>>;
}

/** A program: either subcommands (`npm run stack -- up`) or a single command (an app). */
export interface ProgramSpec {
  /** How users invoke it, e.g. `npm run stack --`. */
  readonly invocation: string;
  readonly summary: string;
  readonly commands?: Readonly<Record<string, CommandSpec>>;
  readonly main?: CommandSpec;
  /**
   * The readers of the settings that apply: the usage lists every name they look at (`settingsReadBy`),
   * worked out only when the usage is printed.
   */
  readonly settingsReaders?: readonly ((env: Env) => unknown)[];
  /** Lines after the options: exit codes, where to read more. */
  readonly notes?: string;
}

export type CommandLine =
  | {
      readonly kind: 'run';
      readonly command: string | undefined;
      readonly values: Readonly<Record<string, string | boolean | undefined>>;
      readonly positionals: readonly string[];
    }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'invalid'; readonly message: string; readonly text: string };

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'print this help and exit' };

const optionLabel = (name: string, o: OptionSpec) => `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`;
const argsLabel = (c: CommandSpec) => (c.args ?? []).map((a) => (a.optional ? `[${a.name}]` : a.name)).join(' ');

const columns = (rows: readonly (readonly [string, string])[], indent = 2): string => {
  const width = Math.min(34, Math.max(...rows.map(([l]) => l.length)) + 2);
  return rows
    .map(([label, help]) => {
      const lines = help.split('\n');
      const first =
        label.length + 2 > width
          ? `${' '.repeat(indent)}${label}\n${' '.repeat(indent + width)}${lines[0]}`
          : `${' '.repeat(indent)}${label.padEnd(width)}${lines[0]}`;
      return [first, ...lines.slice(1).map((l) => `${' '.repeat(indent + width)}${l}`)].join('\n');
    })
    .join('\n');
};

const wrap = (words: readonly string[], width = 100, indent = '  '): string => {
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + w.length + 1 > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${w}` : `${indent}${w}`;
  }
  return [...lines, line].filter(Boolean).join('\n');
};

/** The usage of the program, or of one of its commands when `command` is given. */
export const formatUsage = (spec: ProgramSpec, command?: string): string => {
  const parts: string[] = [];
  const one = command ? spec.commands?.[command] : (spec.main ?? (spec.commands ? undefined : { help: spec.summary }));
  if (one) {
    const args = argsLabel(one);
    parts.push(
      `usage: ${spec.invocation}${command ? ` ${command}` : ''}${args ? ` ${args}` : ''}${Object.keys(one.options ?? {}).length ? ' [options]' : ''}`,
      '',
      command ? one.help : spec.summary,
    );
    parts.push('', 'options:', columns([...Object.entries(one.options ?? {}), ['help', HELP] as const].map(([n, o]) => [optionLabel(n, o), o.help])));
  } else {
    parts.push(`usage: ${spec.invocation} <command> [options]`, '', spec.summary, '', 'commands:');
    parts.push(columns(Object.entries(spec.commands ?? {}).map(([n, c]) => [`${n}${argsLabel(c) ? ` ${argsLabel(c)}` : ''}`, c.help])));
    parts.push('', `${spec.invocation} <command> --help shows a command's options.`);
  }
  const settings = settingsReadBy(...(spec.settingsReaders ?? []));
  if (settings.length) parts.push('', 'settings (environment variables, described in docs/settings.md):', wrap(settings));
  if (spec.notes) parts.push('', spec.notes);
  return parts.join('\n');
};

/**
 * Parses `argv` against the spec with `node:util` `parseArgs` (strict): `--help` or `-h` anywhere, or
 * `help` as the command, asks for the usage; an unknown command or option, a missing value or a wrong
 * count of arguments is invalid, with a message naming it. Nothing runs before this says `run`.
 */
export const parseCommandLine = (argv: readonly string[], spec: ProgramSpec): CommandLine => {
  const [first, ...rest] = argv;
  const isCommandProgram = spec.commands !== undefined;
  const command = isCommandProgram ? first : undefined;
  const help = (cmd?: string): CommandLine => ({ kind: 'help', text: formatUsage(spec, cmd) });
  const invalid = (message: string, cmd?: string): CommandLine => ({ kind: 'invalid', message, text: formatUsage(spec, cmd) });
  if (isCommandProgram) {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h')
      return help(rest[0] && spec.commands?.[rest[0]] ? rest[0] : undefined);
    if (!spec.commands?.[command]) return invalid(`unknown command "${command}"`);
  }
  const cmd = isCommandProgram ? spec.commands![command!]! : (spec.main ?? { help: spec.summary });
  const args = isCommandProgram ? rest : argv;
  if (args.includes('--help') || args.includes('-h')) return help(command);
  const options = Object.fromEntries(Object.entries(cmd.options ?? {}).map(([n, o]) => [n, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (e) {
    return invalid(((e as Error).message.split('. ')[0] ?? '').replace(/'/g, '"') + (command ? ` for ${command}` : ''), command);
  }
  const max = cmd.args?.length ?? 0;
  const min = (cmd.args ?? []).filter((a) => !a.optional).length;
  const where = command ? `${command} ` : '';
  if (parsed.positionals.length < min) return invalid(`${where}needs ${argsLabel(cmd)}`, command);
  if (parsed.positionals.length > max) {
    return invalid(
      max ? `${where}takes ${argsLabel(cmd)}, got also "${parsed.positionals[max]}"` : `${where}takes no argument, got "${parsed.positionals[0]}"`,
      command,
    );
  }
  return { kind: 'run', command, values: parsed.values, positionals: parsed.positionals };
};
