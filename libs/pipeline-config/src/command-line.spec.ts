import { formatUsage, parseCommandLine, type ProgramSpec } from './command-line.js';
import { settingsReadBy } from './settings-read-by.js';

const tool: ProgramSpec = {
  invocation: 'npm run tool --',
  summary: 'A tool.',
  commands: {
    up: { help: 'start' },
    logs: {
      help: 'show a log',
      args: [{ name: '<component>' }],
      options: { lines: { type: 'string', short: 'n', value: 'n', help: 'lines' }, follow: { type: 'boolean', short: 'f', help: 'follow' } },
    },
  },
  settingsReaders: [(env) => [env['B_SETTING'], env['A_SETTING']]],
};
const app: ProgramSpec = { invocation: 'node main.js', summary: 'An app.', settingsReaders: [(env) => env['PORT']] };

describe('parseCommandLine', () => {
  it('runs a command with its options and arguments', () => {
    expect(parseCommandLine(['logs', 'kafka', '-n', '5', '--follow'], tool)).toEqual({
      kind: 'run',
      command: 'logs',
      values: { lines: '5', follow: true },
      positionals: ['kafka'],
    });
  });

  it.each([[[]], [['help']], [['--help']], [['-h']], [['up', '--help']], [['logs', 'kafka', '-h']], [['help', 'logs']]])('%j asks for the usage', (argv) => {
    expect(parseCommandLine(argv, tool).kind).toBe('help');
  });

  it('gives a command its own usage', () => {
    const r = parseCommandLine(['logs', '--help'], tool);
    expect(r.kind === 'help' && r.text).toContain('usage: npm run tool -- logs <component> [options]');
    expect(r.kind === 'help' && r.text).toContain('-n, --lines <n>');
  });

  it.each([
    [['down'], 'unknown command "down"'],
    [['up', '--json'], 'Unknown option "--json" for up'],
    [['logs'], 'logs needs <component>'],
    [['logs', 'a', 'b'], 'logs takes <component>, got also "b"'],
    [['logs', 'a', '-n'], 'Option "-n, --lines <value>" argument missing for logs'],
    [['up', 'now'], 'up takes no argument, got "now"'],
  ])('%j is refused: %s', (argv, message) => {
    expect(parseCommandLine(argv, tool)).toMatchObject({ kind: 'invalid', message });
  });

  it('a single-command program takes no argument and answers --help', () => {
    expect(parseCommandLine([], app)).toEqual({ kind: 'run', command: undefined, values: {}, positionals: [] });
    expect(parseCommandLine(['--help'], app)).toMatchObject({ kind: 'help', text: expect.stringContaining('usage: node main.js') });
    expect(parseCommandLine(['--port', '1'], app)).toMatchObject({ kind: 'invalid', message: 'Unknown option "--port"' });
    expect(parseCommandLine(['serve'], app)).toMatchObject({ kind: 'invalid', message: 'takes no argument, got "serve"' });
  });
});

describe('formatUsage', () => {
  it('lists commands, how to get their options, and the settings', () => {
    const text = formatUsage(tool);
    expect(text).toMatch(/^usage: npm run tool -- <command> \[options\]/);
    expect(text).toMatch(/\n {2}logs <component> +show a log\n/);
    expect(text).toContain('npm run tool -- <command> --help');
    expect(text).toContain('settings (environment variables, described in docs/settings.md):\n  A_SETTING B_SETTING');
  });
});

describe('settingsReadBy', () => {
  it('records the names a reader asks for, even when it throws after', () => {
    const names = settingsReadBy(
      (env) => [env['KAFKA_BROKERS'], env['LOG_LEVEL']],
      (env) => {
        if (!env['REQUIRED']) throw new Error('REQUIRED is required');
        return env['NEVER_READ'];
      },
    );
    expect(names).toEqual(['KAFKA_BROKERS', 'LOG_LEVEL', 'REQUIRED']);
  });
});
