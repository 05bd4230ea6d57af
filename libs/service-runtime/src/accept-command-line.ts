import { parseCommandLine, type CommandLine, type ProgramSpec } from '@eap/pipeline-config';

export type RunCommandLine = Extract<CommandLine, { kind: 'run' }>;

/**
 * The first thing a program's main does: `--help` prints the usage on stdout and exits 0, a bad
 * command line names what is wrong on stderr and exits 2; either way before anything is opened,
 * created or started. Otherwise the parsed command line.
 */
export const acceptCommandLine = (argv: readonly string[], spec: ProgramSpec): RunCommandLine => {
  const parsed = parseCommandLine(argv, spec);
  if (parsed.kind === 'run') return parsed;
  if (parsed.kind === 'help') {
    process.stdout.write(`${parsed.text}\n`);
    process.exit(0);
  }
  process.stderr.write(`✗ ${parsed.message}\n\n${parsed.text}\n`);
  process.exit(2);
};
