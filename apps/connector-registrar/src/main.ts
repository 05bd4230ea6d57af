import { ConnectError } from '@eap/connect-io';
import { pgConnectionFromEnv, PgConfigError } from '@eap/pg-io';
import { ConfigError } from '@eap/pipeline-config';
import { registerPipelineSource } from './register-pipeline-source.js';
import { registrarConfigFromEnv } from './registrar-config.js';
import { registrarProgram } from './registrar-program.js';
import { acceptCommandLine } from '@eap/service-runtime';

const log = (level: string, event: string, detail: Readonly<Record<string, unknown>> = {}) =>
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...detail })}\n`);

acceptCommandLine(process.argv.slice(2), registrarProgram);
try {
  const config = registrarConfigFromEnv(process.env, process.cwd());
  const db = pgConnectionFromEnv(process.env, { database: config.names.database });
  const status = await registerPipelineSource(config, db, (event, detail) => log('info', event, detail));
  process.stdout.write(`connector ${status.name} RUNNING with ${status.tasks.length} task(s); topics ${config.names.topicPrefix}.public.*\n`);
} catch (e) {
  if (e instanceof ConfigError || e instanceof PgConfigError || e instanceof ConnectError) {
    log('error', 'registrar.failed', { code: e instanceof ConnectError ? e.code : 'config', message: e.message });
    process.stderr.write(`✗ ${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
