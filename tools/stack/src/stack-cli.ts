import { spawn } from 'node:child_process';
import { createSchemaRegistryCodec, readRecords } from '@eap/kafka-io';
import { tailFile } from './log-tail.js';
import { describeAvroRecord, describeRecord } from './record-description.js';
import { findRepoRoot } from './repo-root.js';
import { createStackController } from './stack-controller.js';
import { StackError } from './stack-error.js';
import { COMPONENTS, type ComponentName } from './stack-paths.js';
import { parseStackSettings, StackConfigError } from './stack-settings.js';
import { renderStatusTable } from './stack-status.js';

const USAGE = `usage: npm run stack -- <command>
  up                 start PostgreSQL, Kafka, Kafka Connect (Debezium) and the schema registry; wait for health
  down               stop them (TERM by recorded pid, KILL after a timeout)
  status [--json]    what runs where; --json adds connection facts for scripts
  logs <component> [-n LINES] [-f]   ${COMPONENTS.join(' | ')}
  peek <topic> [-n COUNT]             print the first COUNT records of a topic (default 10), Debezium payloads condensed
  reset              stop and wipe all data and logs (downloaded artifacts are kept)`;

const repoRoot = findRepoRoot();

const main = async (argv: readonly string[]): Promise<number> => {
  const [command, ...rest] = argv;
  const stack = createStackController(parseStackSettings(process.env, repoRoot));
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
      if (rest.includes('--json')) {
        process.stdout.write(`${JSON.stringify({ components: rows, connection: stack.connection() }, null, 2)}\n`);
      } else {
        process.stdout.write(`${renderStatusTable(rows)}\n`);
      }
      return rows.every((r) => r.state === 'running') ? 0 : 3;
    }
    case 'logs': {
      const name = rest[0] as ComponentName | undefined;
      const c = name && stack.components.get(name);
      if (!c) throw new StackError('stack', `logs needs a component: ${COMPONENTS.join(', ')}`);
      const n = rest.includes('-n') ? Number(rest[rest.indexOf('-n') + 1]) : 100;
      if (!Number.isInteger(n) || n < 1) throw new StackError('stack', `logs -n needs a whole number of lines, got "${rest[rest.indexOf('-n') + 1] ?? ''}"`);
      if (rest.includes('-f')) {
        spawn('tail', ['-n', String(n), '-F', c.logFile], { stdio: 'inherit' });
        return new Promise(() => undefined);
      }
      process.stdout.write(`==> ${c.logFile} <==\n${tailFile(c.logFile, n)}\n`);
      return 0;
    }
    case 'peek': {
      const topic = rest[0];
      if (!topic) throw new StackError('stack', 'peek needs a topic, e.g. employee-server.public.employee_activities');
      const n = rest.includes('-n') ? Number(rest[rest.indexOf('-n') + 1]) : 10;
      if (!Number.isInteger(n) || n < 1) throw new StackError('stack', `peek -n needs a whole number of records, got "${rest[rest.indexOf('-n') + 1] ?? ''}"`);
      const records = await readRecords({ brokers: stack.connection().kafkaBrokers, topic, until: (rs) => rs.length >= n, timeoutMs: 5_000 });
      const codec = createSchemaRegistryCodec({ url: stack.connection().registryUrl });
      for (const r of records) {
        const avro = r.value && r.value.length > 5 && r.value[0] === 0 ? await codec.decode(r.value) : undefined;
        process.stdout.write(`${avro?.kind === 'ok' ? describeAvroRecord(r, avro.schemaId, avro.value) : describeRecord(r)}\n`);
      }
      process.stdout.write(`(${records.length} record${records.length === 1 ? '' : 's'} from ${topic})\n`);
      return 0;
    }
    case 'reset':
      await stack.reset();
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return command ? 2 : 0;
  }
};

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof StackError) process.stderr.write(`${e.describe()}\n`);
    else if (e instanceof StackConfigError) process.stderr.write(`✗ bad setting ${e.message}\n`);
    else process.stderr.write(`✗ ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
