import * as fc from 'fast-check';
import type { ChangeEvent, SnapshotMarker } from './change-event.js';
import { createRedeliveryFilter, readPositionSnapshot } from './redelivery-filter.js';
import type { SourcePosition } from './source-position.js';

const eventAt = (position: SourcePosition, op: 'c' | 'r' = 'c', snapshot: SnapshotMarker | null = 'false'): ChangeEvent => ({
  op,
  before: null,
  after: { id: 1 },
  source: {
    version: '3.4.3.Final',
    connector: 'postgresql',
    name: 'employee-server',
    ts_ms: 0,
    snapshot,
    db: 'streaming_db',
    sequence: null,
    ts_us: null,
    ts_ns: null,
    schema: 'public',
    table: 'employee_activities',
    txId: null,
    lsn: null,
    xmin: null,
  },
  transaction: null,
  ts_ms: null,
  ts_us: null,
  ts_ns: null,
  position,
  columns: null,
});

const at = (commitLsn: bigint | null, eventLsn: bigint): SourcePosition => ({ commitLsn, eventLsn });

describe('createRedeliveryFilter', () => {
  it('admits growing positions and skips those at or behind the highest', () => {
    const filter = createRedeliveryFilter();
    expect(filter.admit('p0', eventAt(at(100n, 110n)))).toBe('fresh');
    expect(filter.admit('p0', eventAt(at(100n, 120n)))).toBe('fresh');
    expect(filter.admit('p0', eventAt(at(100n, 120n)))).toBe('redelivery');
    expect(filter.admit('p0', eventAt(at(100n, 110n)))).toBe('redelivery');
    expect(filter.admit('p0', eventAt(at(130n, 105n)))).toBe('fresh');
  });

  it('keeps one highest position per partition', () => {
    const filter = createRedeliveryFilter();
    expect(filter.admit('activities/0', eventAt(at(100n, 120n)))).toBe('fresh');
    expect(filter.admit('activities/1', eventAt(at(100n, 110n)))).toBe('fresh');
    expect(filter.admit('activities/1', eventAt(at(100n, 110n)))).toBe('redelivery');
  });

  it('admits every snapshot read, though they share the snapshot LSN, without moving the highest', () => {
    const filter = createRedeliveryFilter();
    const markers: SnapshotMarker[] = ['first', 'true', 'first_in_data_collection', 'last_in_data_collection', 'last', 'incremental'];
    for (const marker of markers) expect(filter.admit('p0', eventAt(at(null, 500n), 'r', marker))).toBe('snapshot');
    expect(filter.admit('p0', eventAt(at(null, 500n), 'r', 'true'))).toBe('snapshot');
    expect(filter.snapshot()).toEqual({});
    expect(filter.admit('p0', eventAt(at(500n, 510n)))).toBe('fresh');
  });

  it('orders a read that is not from a snapshot like any streamed event', () => {
    const filter = createRedeliveryFilter({ p0: ['9', '9'] });
    expect(filter.admit('p0', eventAt(at(9n, 9n), 'r', 'false'))).toBe('redelivery');
    expect(filter.admit('p0', eventAt(at(9n, 9n), 'r', null))).toBe('redelivery');
  });

  it('snapshots and restores the highest positions as strings', () => {
    const filter = createRedeliveryFilter();
    filter.admit('p0', eventAt(at(null, 18446744073709551615n)));
    filter.admit('p1', eventAt(at(7n, 8n)));
    const snapshot = filter.snapshot();
    expect(snapshot).toEqual({ p0: [null, '18446744073709551615'], p1: ['7', '8'] });
    const restored = createRedeliveryFilter(JSON.parse(JSON.stringify(snapshot)));
    expect(restored.admit('p1', eventAt(at(7n, 8n)))).toBe('redelivery');
    expect(restored.admit('p1', eventAt(at(7n, 9n)))).toBe('fresh');
  });

  /** A partition's stream in WAL commit order: each transaction carries the previous commit's LSN. */
  const walStream = fc
    .array(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 })
    .map((transactions) => {
      const positions: SourcePosition[] = [];
      let commit: bigint | null = null;
      let lsn = 1_000n;
      for (const gaps of transactions) {
        // Events of a later transaction may sit at lower LSNs than the previous one's (interleaved writers).
        let event = lsn - 40n;
        for (const gap of gaps) positions.push(at(commit, (event += BigInt(gap))));
        lsn += 200n;
        commit = lsn;
      }
      return positions;
    });

  it('admits each event of a stream exactly once whatever Debezium re-sends after restarts', () => {
    const scenario = fc.record({
      streams: fc.array(walStream, { minLength: 1, maxLength: 3 }),
      restarts: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 6 }),
      restoreAt: fc.option(fc.nat()),
      order: fc.array(fc.nat(), { maxLength: 200 }),
    });
    fc.assert(
      fc.property(scenario, ({ streams, restarts, restoreAt, order }) => {
        // Each restart re-sends a suffix: from an earlier (committed) offset up to where it stopped.
        const delivered = streams.map((stream) => {
          const out = [...stream];
          for (const [partition, stop, back] of restarts) {
            if (partition % streams.length !== streams.indexOf(stream)) continue;
            const end = stop % (out.length + 1);
            const start = end - (back % (end + 1));
            out.splice(end, 0, ...out.slice(start, end));
          }
          return out;
        });
        let filter = createRedeliveryFilter();
        const admitted: SourcePosition[][] = streams.map(() => []);
        const queues = delivered.map((stream) => [...stream]);
        for (let step = 0; queues.some((q) => q.length > 0); step++) {
          const live = queues.flatMap((q, p) => (q.length > 0 ? [p] : []));
          const p = live[(order[step % Math.max(order.length, 1)] ?? 0) % live.length] as number;
          const position = queues[p]?.shift() as SourcePosition;
          if (step === restoreAt) filter = createRedeliveryFilter(JSON.parse(JSON.stringify(filter.snapshot())));
          if (filter.admit(`p${p}`, eventAt(position)) === 'fresh') admitted[p]?.push(position);
        }
        expect(admitted).toEqual(streams);
      }),
      { seed: 20240115, numRuns: 2000 },
    );
  });
});

describe('readPositionSnapshot', () => {
  it('accepts what snapshot() produces', () => {
    expect(readPositionSnapshot({ 'a/0': [null, '5'], 'a/1': ['4', '5'] })).toMatchObject({ kind: 'ok' });
  });

  it.each([
    ['not an object', [1]],
    ['a number LSN', { p: [null, 5] }],
    ['a missing event LSN', { p: ['4'] }],
    ['a hex LSN', { p: ['0/16B3748', '0/16B3760'] }],
  ])('rejects %s', (_, value) => {
    expect(readPositionSnapshot(value)).toMatchObject({ kind: 'invalid' });
  });
});
