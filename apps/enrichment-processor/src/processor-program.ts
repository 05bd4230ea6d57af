import { pgConnectionFromEnv } from '@eap/pg-io';
import { type ProgramSpec } from '@eap/pipeline-config';
import { processorConfigFromEnv } from './processor-config.js';

/** The processor's command line: no arguments, settings from the environment. */
export const processorProgram: ProgramSpec = {
  invocation: 'node apps/enrichment-processor/dist/main.js',
  summary: [
    'Reads Debezium change events of employee_activities, enriches each with its employee, and writes',
    'them as Avro to the processed topic (bad events to the DLQ with a reason), exactly once.',
    'From sources: npx nx serve enrichment-processor. npm start supervises it.',
  ].join('\n'),
  settingsReaders: [processorConfigFromEnv, (env) => pgConnectionFromEnv(env)],
  notes: [
    'Serves /healthz, /readyz (partitions assigned, employees caught up) and /metrics on PROCESSOR_HEALTH_HOST:PROCESSOR_HEALTH_PORT.',
    'Exits 1 on a bad setting or an absent dependency, naming it; SIGTERM or Ctrl-C stops it after the current batch.',
  ].join('\n'),
};
