import { defineSettings, setting } from '@eap/pipeline-config';

export const PARTS = ['throughput', 'latency', 'restore', 'simulator', 'e2e'] as const;

const positive = (name: string, fallback: number, describe: string) =>
  setting.number(name, { default: fallback, min: Number.MIN_VALUE, max: Number.MAX_SAFE_INTEGER, accepts: 'a positive number', describe });

/** BENCH_* settings: how many events, the latency run's rate and length, and which parts run. */
export const benchSettings = defineSettings('bench', {
  events: positive('BENCH_EVENTS', 200_000, 'events through each processor in the throughput part'),
  rate: positive('BENCH_RATE', 1_000, 'rows per second in the latency part'),
  seconds: positive('BENCH_SECONDS', 30, 'how long the latency part runs'),
  keys: positive('BENCH_KEYS', 1_000_000, 'live keys in the restore part'),
  simulatorSeconds: positive('BENCH_SIMULATOR_SECONDS', 20, 'how long the simulator part runs at each rate'),
  rows: positive('BENCH_ROWS', 200_000, 'rows committed at once in the e2e part (each format, and live)'),
  pacedSeconds: positive('BENCH_PACED_SECONDS', 20, 'how long each paced run of the e2e part writes (at 25, 50 and 90 % of the capture rate)'),
  connectorConfig: setting.string('BENCH_CONNECTOR_CONFIG', {
    default: '{}',
    pattern: /^\{.*\}$/s,
    accepts: 'a JSON object of connector settings, e.g. {"max.batch.size":"4096"}',
    describe: "connector settings laid over the registrar's in the e2e part, to measure a tuning",
  }),
  e2eSteps: setting.list('BENCH_E2E_STEPS', {
    default: 'capture,drain,live,paced',
    item: /^(capture|drain|live|paced)$/,
    accepts: 'a comma-separated list of capture, drain, live, paced',
    describe: 'which steps of the e2e part run (capture alone, to measure a connector tuning)',
  }),
  cpuProfileDir: setting.string('BENCH_CPU_PROF_DIR', {
    pattern: /^\/.+/,
    accepts: 'an absolute folder',
    describe:
      'runs each drain of the e2e part, and the restarted aggregator of the restore part, under `node --cpu-prof`, writes the profiles there and prints where the time went',
  }),
  parts: setting.list('BENCH_PARTS', {
    default: PARTS.join(','),
    item: new RegExp(`^(${PARTS.join('|')})$`),
    accepts: `a comma-separated list of ${PARTS.join(', ')}`,
    describe: 'which parts run',
  }),
});
