import { Counter, Gauge, Registry } from 'prom-client';
import { createJsonLogger } from './json-logger.js';
import { createLoopEventSink } from './loop-event-sink.js';

describe('loop event sink', () => {
  it('logs each event, commits at debug, and sets the lag of the committed partition', async () => {
    const lines: string[] = [];
    const registry = new Registry();
    const lag = new Gauge({ name: 'test_lag', help: 'lag', labelNames: ['partition'], registers: [registry] });
    const lagSeconds = new Gauge({ name: 'test_lag_seconds', help: 'lag', labelNames: ['partition'], registers: [registry] });
    const sink = createLoopEventSink({ log: createJsonLogger({ level: 'debug', write: (l) => void lines.push(l) }), lag, lagSeconds });
    expect(sink.running).toBe(false);
    sink.on('eos.assigned', { topic: 't', partition: 2 });
    sink.on('eos.committed', { topic: 't', partition: 2, lag: 17, lagSeconds: 2.5 });
    expect(sink.running).toBe(true);
    expect(lines.map((l) => JSON.parse(l) as { level: string; event: string })).toMatchObject([
      { level: 'info', event: 'eos.assigned' },
      { level: 'debug', event: 'eos.committed' },
    ]);
    expect((await lag.get()).values).toEqual([{ labels: { partition: '2' }, value: 17 }]);
    expect((await lagSeconds.get()).values).toEqual([{ labels: { partition: '2' }, value: 2.5 }]);
    sink.on('eos.released', { topic: 't', partition: 2 });
    expect((await lagSeconds.get()).values).toEqual([]);
  });

  it('counts membership events (rebalances as joined) and drops the lag of a released partition', async () => {
    const registry = new Registry();
    const lag = new Gauge({ name: 'test_lag', help: 'lag', labelNames: ['partition'], registers: [registry] });
    const groupEvents = new Counter({ name: 'test_group_events_total', help: 'events', labelNames: ['event'], registers: [registry] });
    const sink = createLoopEventSink({ log: createJsonLogger({ level: 'error', write: () => undefined }), lag, groupEvents });
    sink.on('eos.joined', { generation: 1 });
    sink.on('eos.committed', { topic: 't', partition: 1, lag: 3 });
    sink.on('eos.joined', { generation: 2 });
    sink.on('eos.kept', { topic: 't', partition: 0 });
    sink.on('eos.released', { topic: 't', partition: 1 });
    const counts = Object.fromEntries((await groupEvents.get()).values.map((v) => [v.labels.event, v.value]));
    expect(counts).toEqual({ joined: 2, kept: 1, released: 1 });
    expect((await lag.get()).values).toEqual([]);
  });
});
