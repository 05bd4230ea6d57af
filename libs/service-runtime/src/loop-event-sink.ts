import type { Gauge } from 'prom-client';
import type { Logger } from './json-logger.js';

export interface LoopEventSink {
  /** True once the exactly-once loop reported anything: it has joined and works. */
  readonly running: boolean;
  readonly on: (event: string, detail: Readonly<Record<string, unknown>>) => void;
}

/**
 * Where an exactly-once loop's events go in an app: every event logged (commits at debug, the rest at
 * info) and each commit's lag set on the app's lag gauge, by partition.
 */
export const createLoopEventSink = ({ log, lag }: { log: Logger; lag: Gauge<'partition'> }): LoopEventSink => {
  let running = false;
  return {
    get running() {
      return running;
    },
    on(event, detail) {
      running = true;
      if (event === 'eos.committed') lag.set({ partition: String(detail['partition']) }, Number(detail['lag']));
      log.log(event === 'eos.committed' ? 'debug' : 'info', event, detail);
    },
  };
};
