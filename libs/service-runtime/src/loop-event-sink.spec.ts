import { Gauge, Registry } from 'prom-client';
import { createJsonLogger } from './json-logger.js';
import { createLoopEventSink } from './loop-event-sink.js';

describe('loop event sink', () => {
  it('logs each event, commits at debug, and sets the lag of the committed partition', async () => {
    const lines: string[] = [];
    const registry = new Registry();
    const lag = new Gauge({ name: 'test_lag', help: 'lag', labelNames: ['partition'], registers: [registry] });
    const sink = createLoopEventSink({ log: createJsonLogger({ level: 'debug', write: (l) => void lines.push(l) }), lag });
    expect(sink.running).toBe(false);
    sink.on('eos.assigned', { topic: 't', partition: 2 });
    sink.on('eos.committed', { topic: 't', partition: 2, lag: 17 });
    expect(sink.running).toBe(true);
    expect(lines.map((l) => JSON.parse(l) as { level: string; event: string })).toMatchObject([
      { level: 'info', event: 'eos.assigned' },
      { level: 'debug', event: 'eos.committed' },
    ]);
    expect((await lag.get()).values).toEqual([{ labels: { partition: '2' }, value: 17 }]);
  });
});
