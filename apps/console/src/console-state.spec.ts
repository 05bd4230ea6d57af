import type { AppProbe, GroupMember, HistogramSample, PipelineSnapshot, TailedRecord } from '@eap/pipeline-ops';
import { createConsoleStore } from './console-state.js';

const member = (memberId: string, instanceId: string): GroupMember => ({
  memberId,
  clientId: `summary-aggregator/${instanceId}@127.0.0.1:9465`,
  instanceId,
  host: '127.0.0.1',
  healthAddress: 'http://127.0.0.1:9465',
  partitions: [0],
  lag: 0n,
  lagSeconds: 0,
});
const snapshot = (at: number, end: bigint, lag: bigint, kafkaUp = true, memberDetails: readonly GroupMember[] = []): PipelineSnapshot => ({
  at,
  postgres: { kind: 'up', serverVersion: '15', walLevel: 'logical', startedAt: 1_000, maxSlotWalKeepBytes: -1, slot: null, address: 'pg', slotName: 's' },
  kafka: kafkaUp ? { up: true, address: 'k', detail: '' } : { up: false, address: 'k', error: 'ECONNREFUSED' },
  brokers: kafkaUp ? { configured: ['k'], live: ['k'] } : null,
  connect: { up: true, address: 'c', detail: '' },
  registry: { up: true, address: 'r', detail: '' },
  connector: null,
  topics: [{ topic: 'processed', role: 'processed', exists: true, partitions: 3, endOffset: end }],
  groups: kafkaUp
    ? [
        {
          app: 'summary-aggregator',
          groupId: 'agg',
          topic: 'processed',
          state: 'Stable',
          members: memberDetails.length,
          memberDetails,
          partitions: [],
          lag,
          lagSeconds: Number(lag) / 10,
        },
      ]
    : [],
  dlq: null,
});
const record = (offset: number): TailedRecord => ({ partition: 0, offset: String(offset), timestamp: '', key: '1', headers: {}, encoding: 'avro', value: {} });
const histogram = (under100ms: number, over: number): HistogramSample => ({
  buckets: [
    { le: 0.1, count: under100ms },
    { le: 1, count: under100ms + over },
    { le: Infinity, count: under100ms + over },
  ],
  count: under100ms + over,
  sum: 0,
});
const processor = (latency: HistogramSample, uptimeSeconds = 30): AppProbe => ({
  app: 'enrichment-processor',
  address: 'p',
  up: true,
  healthy: true,
  uptimeSeconds,
  detail: {},
  latency,
});

describe('console store', () => {
  it('keeps a bounded history of end offsets and lag per topic and group', () => {
    const store = createConsoleStore({ historyPoints: 3, eventsKept: 2, dlqKept: 2, summaryHours: 2 });
    for (let i = 0; i < 5; i++) store.onSnapshot(snapshot(i * 1000, BigInt(i * 10), BigInt(5 - i)));
    expect(store.state.topicHistory.get('processed')).toEqual([
      { at: 2000, value: 20 },
      { at: 3000, value: 30 },
      { at: 4000, value: 40 },
    ]);
    expect(store.state.groupHistory.get('agg')?.map((p) => p.value)).toEqual([3, 2, 1]);
    expect(store.state.groupSecondsHistory.get('agg')?.map((p) => p.value)).toEqual([0.3, 0.2, 0.1]);
  });

  it('keeps the capture lag of the slot over time', () => {
    const store = createConsoleStore({ historyPoints: 3, eventsKept: 2, dlqKept: 2, summaryHours: 2 });
    const withSlot = (at: number, unconfirmedBytes: number): PipelineSnapshot => {
      const s = snapshot(at, 0n, 0n);
      if (s.postgres.kind !== 'up') throw new Error('up expected');
      return { ...s, postgres: { ...s.postgres, slot: { active: true, retainedBytes: 1, walStatus: 'reserved', unconfirmedBytes, lagSeconds: 0.1 } } };
    };
    store.onSnapshot(withSlot(0, 500));
    store.onSnapshot(withSlot(1_000, 9_000));
    expect(store.state.captureHistory).toEqual([
      { at: 0, value: 500 },
      { at: 1_000, value: 9_000 },
    ]);
  });

  it('keeps only the latest events and DLQ records', () => {
    const store = createConsoleStore({ historyPoints: 3, eventsKept: 2, dlqKept: 1, summaryHours: 2 });
    store.onEvents([record(1), record(2), record(3)], 10);
    store.onDlq([record(7), record(8)], 11);
    expect(store.state.events.map((e) => e.record.offset)).toEqual(['2', '3']);
    expect(store.state.dlq.map((e) => e.record.offset)).toEqual(['8']);
    store.onEvents([record(2), record(3)], 12); // a restarted follower reads them again
    expect(store.state.events.map((e) => [e.record.offset, e.receivedAt])).toEqual([
      ['2', 10],
      ['3', 10],
    ]);
  });

  it('tells since when each component is up: the server’s own start where it says, else since first seen; down clears it', () => {
    const store = createConsoleStore({ historyPoints: 3, eventsKept: 2, dlqKept: 1, summaryHours: 2 });
    store.onSnapshot(snapshot(5_000, 0n, 0n));
    store.onSnapshot(snapshot(7_000, 0n, 0n));
    expect(store.state.upSince.get('postgres')).toBe(1_000);
    expect(store.state.upSince.get('kafka')).toBe(5_000);
    store.onSnapshot(snapshot(9_000, 0n, 0n, false));
    expect(store.state.upSince.has('kafka')).toBe(false);
    store.onApps([processor(histogram(0, 0), 30)], 100_000);
    expect(store.state.upSince.get('enrichment-processor')).toBe(70_000);
  });

  it('gives latency percentiles over the last minute of the apps’ histograms', () => {
    const store = createConsoleStore({ historyPoints: 3, eventsKept: 2, dlqKept: 1, summaryHours: 2 });
    store.onApps([processor(histogram(1_000, 0))], 0);
    expect(store.state.latency.enriched).toMatchObject({ p50: 0.05, count: 1_000, windowSeconds: 0 });
    // In the next 30 s every new observation took between 100 ms and 1 s.
    store.onApps([processor(histogram(1_000, 100))], 30_000);
    expect(store.state.latency.enriched?.count).toBe(100);
    expect(store.state.latency.enriched?.p50).toBeCloseTo(0.55, 6);
    expect(store.state.latency.summary).toBeNull();
    store.onApps([{ app: 'enrichment-processor', address: 'p', up: false, error: 'not running' }], 40_000);
    expect(store.state.latency.enriched).toBeNull();
  });

  it('notes the members that joined or left a group between reads, for a minute; not at the first read, nor across Kafka being down', () => {
    const store = createConsoleStore({ historyPoints: 3, eventsKept: 2, dlqKept: 1, summaryHours: 2 });
    const [agg1, agg2, agg3] = [member('m-1', 'agg-1'), member('m-2', 'agg-2'), member('m-3', 'agg-3')];
    const changes = () => (store.state.memberChanges.get('agg') ?? []).map((c) => `${c.label} ${c.kind} at ${c.at}`);
    store.onSnapshot(snapshot(0, 0n, 0n, true, [agg1, agg2]));
    expect(changes()).toEqual([]);
    store.onSnapshot(snapshot(2_000, 0n, 0n, true, [agg1]));
    store.onSnapshot(snapshot(4_000, 0n, 0n, false));
    expect(changes()).toEqual(['agg-2 left at 2000']);
    store.onSnapshot(snapshot(6_000, 0n, 0n, true, [agg1, agg3]));
    expect(changes()).toEqual(['agg-2 left at 2000', 'agg-3 joined at 6000']);
    store.onSnapshot(snapshot(62_000, 0n, 0n, true, [agg1, agg3]));
    expect(changes()).toEqual(['agg-3 joined at 6000']);
    store.onSnapshot(snapshot(66_000, 0n, 0n, true, [agg1, agg3]));
    expect(changes()).toEqual([]);
  });
});
