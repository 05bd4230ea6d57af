import { pgConnectionFromEnv } from '@eap/pg-io';
import { describeFailure, PipelineError } from '@eap/pipeline-config';
import { acceptCommandLine } from '@eap/service-runtime';
import { registerPipelineSource } from './register-pipeline-source.js';
import { registrarConfigFromEnv } from './registrar-config.js';
import { registrarProgram } from './registrar-program.js';

const log = (level: string, event: string, detail: Readonly<Record<string, unknown>> = {}) =>
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...detail })}\n`);

acceptCommandLine(process.argv.slice(2), registrarProgram);
try {
  const config = registrarConfigFromEnv(process.env, process.cwd());
  const db = pgConnectionFromEnv(process.env, { database: config.names.database });
  const status = await registerPipelineSource(config, db, (event, detail) => log('info', event, detail));
  process.stdout.write(`connector ${status.name} RUNNING with ${status.tasks.length} task(s); topics ${config.names.topicPrefix}.public.*\n`);
} catch (e) {
  if (!(e instanceof PipelineError)) throw e;
  log('error', 'registrar.failed', { kind: e.kind, code: e.code, message: e.message });
  process.stderr.write(`✗ ${describeFailure(e).text}\n`);
  process.exit(1);
}
