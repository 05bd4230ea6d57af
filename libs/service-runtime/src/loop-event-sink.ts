import type { Counter, Gauge } from 'prom-client';
import type { Logger } from './json-logger.js';

export interface LoopEventSink {
  /** True once the exactly-once loop reported anything: it has joined and works. */
  readonly running: boolean;
  readonly on: (event: string, detail: Readonly<Record<string, unknown>>) => void;
}

/** The loop's membership events, counted on `<app>_group_events_total{event}` (rebalances are `joined`). */
const MEMBERSHIP_EVENTS = new Set(['eos.joined', 'eos.kept', 'eos.assigned', 'eos.moved', 'eos.released', 'eos.fenced', 'eos.consumer_restart']);

/**
 * Where an exactly-once loop's events go in an app: every event logged (commits at debug, the rest at
 * info), each commit's lag (records and seconds) set on the app's gauges by partition, and membership
 * events counted.
 */
export const createLoopEventSink = ({
  log,
  lag,
  lagSeconds,
  groupEvents,
}: {
  log: Logger;
  lag: Gauge<'partition'>;
  /** Age of the oldest record not yet processed, by its Kafka timestamp, set at each commit. */
  lagSeconds?: Gauge<'partition'>;
  groupEvents?: Counter<'event'>;
}): LoopEventSink => {
  let running = false;
  return {
    get running() {
      return running;
    },
    on(event, detail) {
      running = true;
      const partition = { partition: String(detail['partition']) };
      if (event === 'eos.committed') {
        lag.set(partition, Number(detail['lag']));
        if (typeof detail['lagSeconds'] === 'number') lagSeconds?.set(partition, detail['lagSeconds']);
      } else if (event === 'eos.released') {
        lag.remove(partition);
        lagSeconds?.remove(partition);
      }
      if (groupEvents && MEMBERSHIP_EVENTS.has(event)) groupEvents.inc({ event: event.slice('eos.'.length) });
      log.log(event === 'eos.committed' ? 'debug' : 'info', event, detail);
    },
  };
};
