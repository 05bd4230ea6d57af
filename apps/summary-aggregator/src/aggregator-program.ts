import { type ProgramSpec } from '@eap/pipeline-config';
import { aggregatorConfigFromEnv } from './aggregator-config.js';

/** The aggregator's command line: no arguments, settings from the environment. */
export const aggregatorProgram: ProgramSpec = {
  invocation: 'node apps/summary-aggregator/dist/main.js',
  summary: [
    'Reads the processed topic and keeps exact hourly count and sum per department and activity type in',
    'event-time windows, writing summaries (compacted, Avro) and its state changelog, exactly once.',
    'From sources: npx nx serve summary-aggregator. npm start supervises it.',
  ].join('\n'),
  settingsReaders: [aggregatorConfigFromEnv],
  notes: [
    'Serves /healthz, /readyz (partitions assigned) and /metrics on AGGREGATOR_HEALTH_HOST:AGGREGATOR_HEALTH_PORT.',
    'Exits 1 on a bad setting or an absent dependency, naming it; SIGTERM or Ctrl-C stops it after the current batch.',
  ].join('\n'),
};
