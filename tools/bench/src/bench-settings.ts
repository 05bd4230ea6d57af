import { defineSettings, setting } from '@eap/pipeline-config';

export const PARTS = ['throughput', 'latency', 'restore', 'simulator'] as const;

const positive = (name: string, fallback: number, describe: string) =>
  setting.number(name, { default: fallback, min: Number.MIN_VALUE, max: Number.MAX_SAFE_INTEGER, accepts: 'a positive number', describe });

/** BENCH_* settings: how many events, the latency run's rate and length, and which parts run. */
export const benchSettings = defineSettings('bench', {
  events: positive('BENCH_EVENTS', 200_000, 'events through each processor in the throughput part'),
  rate: positive('BENCH_RATE', 1_000, 'rows per second in the latency part'),
  seconds: positive('BENCH_SECONDS', 30, 'how long the latency part runs'),
  keys: positive('BENCH_KEYS', 1_000_000, 'live keys in the restore part'),
  simulatorSeconds: positive('BENCH_SIMULATOR_SECONDS', 20, 'how long the simulator part runs at each rate'),
  parts: setting.list('BENCH_PARTS', {
    default: PARTS.join(','),
    item: new RegExp(`^(${PARTS.join('|')})$`),
    accepts: `a comma-separated list of ${PARTS.join(', ')}`,
    describe: 'which parts run',
  }),
});
