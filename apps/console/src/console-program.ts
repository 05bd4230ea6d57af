import { type ProgramSpec } from '@eap/pipeline-config';
import { consoleConfigFromEnv } from './console-config.js';

/** The console's command line: no arguments, settings from the environment. */
export const consoleProgram: ProgramSpec = {
  invocation: 'node apps/console/dist/main.js',
  summary: [
    'A web page over the running pipeline: stack, connector, topics, lag, latest enriched events, window',
    'summaries, the DLQ and verify. From sources: npx nx serve console. npm start runs it on port 8080.',
  ].join('\n'),
  settingsReaders: [consoleConfigFromEnv],
  notes: 'Exits 1 on a bad setting (a taken CONSOLE_PORT included), naming it.',
};
