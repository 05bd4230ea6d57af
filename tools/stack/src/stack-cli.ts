import { spawn } from 'node:child_process';
import { createSchemaRegistryCodec, readRecords } from '@eap/kafka-io';
import { describeRecord } from '@eap/pipeline-ops';
import { ConfigError, describeFailure, type ProgramSpec } from '@eap/pipeline-config';
import { acceptCommandLine } from '@eap/service-runtime';
import { COMPONENT_ARGUMENT_HELP, parseComponentName } from './component-name.js';
import { tailFile } from './log-tail.js';
import { formatPeekLine } from './record-description.js';
import { findRepoRoot } from './repo-root.js';
import { createStackController } from './stack-controller.js';
import { StackError } from './stack-error.js';
import { parseStackSettings } from './stack-settings.js';
import { renderStatusTable } from './stack-status.js';

const stackProgram = (root: string): ProgramSpec => ({
  invocation: 'npm run stack --',
  summary:
    'The embedded stack: PostgreSQL 15, Kafka (KRaft; 1 broker, or 3 with STACK_KAFKA_BROKERS=3), Kafka Connect with Debezium\nand the Apicurio registry, from Debian and Maven Central, as processes of this machine (Linux). Data and logs in .stack/.',
  commands: {
    up: { help: 'start PostgreSQL, Kafka, Kafka Connect (Debezium) and the schema registry; wait for health' },
    down: { help: 'stop them (TERM by recorded pid, KILL after a timeout)' },
    status: { help: 'what runs where; exits 3 unless all run', options: { json: { type: 'boolean', help: 'JSON, with connection facts for scripts' } } },
    logs: {
      help: `a component's log: ${COMPONENT_ARGUMENT_HELP}`,
      args: [{ name: '<component>' }],
      options: {
        lines: { type: 'string', short: 'n', value: 'lines', help: 'how many of the last lines (default 100)' },
        follow: { type: 'boolean', short: 'f', help: 'keep following (Ctrl-C to stop)' },
      },
    },
    peek: {
      help: 'print the first records of a topic, Debezium payloads condensed, Avro decoded',
      args: [{ name: '<topic>' }],
      options: { count: { type: 'string', short: 'n', value: 'count', help: 'how many records (default 10)' } },
    },
    kill: {
      help: 'end one component at once, as a crash would (SIGKILL; PostgreSQL: an immediate shutdown); up or restart brings it back',
      args: [{ name: '<component>' }],
    },
    restart: {
      help: 'stop one component gracefully if it runs, start it, wait until it is healthy',
      args: [{ name: '<component>' }],
    },
    reset: { help: 'stop and wipe all data and logs (downloaded artifacts are kept); needed to change STACK_KAFKA_BROKERS' },
  },
  settingsReaders: [(env) => parseStackSettings(env, root)],
  notes: `<component>: ${COMPONENT_ARGUMENT_HELP}.\nExit codes: 0 done, 1 failed (the reason on stderr), 2 bad usage, 3 status: not all running.`,
});

const wholeNumber = (option: string, text: unknown, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new StackError('stack', `${option} needs a whole number, got "${String(text)}"`);
  return n;
};

const repoRoot = findRepoRoot();

const main = async (argv: readonly string[]): Promise<number> => {
  const { command, values, positionals } = acceptCommandLine(argv, stackProgram(repoRoot));
  const settings = parseStackSettings(process.env, repoRoot);
  const stack = createStackController(settings);
  switch (command) {
    case 'up': {
      const started = Date.now();
      const rows = await stack.up();
      process.stdout.write(`${renderStatusTable(rows)}\n`);
      const failed = rows.filter((r) => r.state === 'failed' || r.state === 'skipped');
      process.stdout.write(
        failed.length
          ? `\nstack is NOT up: ${failed.map((f) => f.component).join(', ')} failed\n`
          : `\nstack up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
      return failed.length ? 1 : 0;
    }
    case 'down':
      process.stdout.write(`${renderStatusTable(await stack.down())}\n`);
      return 0;
    case 'status': {
      const rows = await stack.status();
      if (values['json']) {
        process.stdout.write(`${JSON.stringify({ components: rows, connection: stack.connection() }, null, 2)}\n`);
      } else {
        process.stdout.write(`${renderStatusTable(rows)}\n`);
      }
      return rows.every((r) => r.state === 'running') ? 0 : 3;
    }
    case 'logs': {
      const c = stack.components.get(parseComponentName(positionals[0]!, settings.kafkaBrokers))!;
      const n = wholeNumber('logs --lines', values['lines'], 100);
      if (values['follow']) {
        spawn('tail', ['-n', String(n), '-F', c.logFile], { stdio: 'inherit' });
        return new Promise(() => undefined);
      }
      process.stdout.write(`==> ${c.logFile} <==\n${tailFile(c.logFile, n)}\n`);
      return 0;
    }
    case 'peek': {
      const topic = positionals[0]!;
      const n = wholeNumber('peek --count', values['count'], 10);
      const records = await readRecords({ brokers: stack.connection().kafkaBrokers, topic, until: (rs) => rs.length >= n, timeoutMs: 5_000 });
      const codec = createSchemaRegistryCodec({ url: stack.connection().registryUrl });
      await codec.prepare(records.map((r) => r.value));
      for (const r of records) process.stdout.write(`${formatPeekLine(describeRecord(codec, r))}\n`);
      process.stdout.write(`(${records.length} record${records.length === 1 ? '' : 's'} from ${topic})\n`);
      return 0;
    }
    case 'kill':
      process.stdout.write(`${renderStatusTable([await stack.kill(positionals[0]!)])}\n`);
      return 0;
    case 'restart':
      process.stdout.write(`${renderStatusTable([await stack.restart(positionals[0]!)])}\n`);
      return 0;
    case 'reset':
      await stack.reset();
      return 0;
    default:
      throw new StackError('stack', `no handler for command "${String(command)}"`);
  }
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof StackError) process.stderr.write(`${e.describe()}\n`);
    else if (e instanceof ConfigError) process.stderr.write(`✗ bad setting ${e.message}\n`);
    else process.stderr.write(`✗ ${describeFailure(e).text}\n`);
    process.exit(1);
  },
);
