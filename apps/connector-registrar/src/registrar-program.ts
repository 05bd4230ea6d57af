import { pgConnectionFromEnv } from '@eap/pg-io';
import { type ProgramSpec } from '@eap/pipeline-config';
import { registrarConfigFromEnv } from './registrar-config.js';

/** The registrar's command line: no arguments, settings from the environment. */
export const registrarProgram: ProgramSpec = {
  invocation: 'node apps/connector-registrar/dist/main.js',
  summary: [
    'Migrates streaming_db (tables, publication, signal table), then creates or updates the Debezium',
    'connector and waits until it and its task run. Idempotent; npm start runs it before the apps.',
    'From sources: npx nx serve connector-registrar.',
  ].join('\n'),
  settingsReaders: [(env) => registrarConfigFromEnv(env, '.'), (env) => pgConnectionFromEnv(env)],
  notes: 'Exits 0 when the connector runs, 1 on a bad setting, an unreachable dependency or a connector that fails, naming it.',
};
