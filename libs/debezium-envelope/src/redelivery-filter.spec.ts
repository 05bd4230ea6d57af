import * as fc from 'fast-check';
import type { ChangeEvent, Op, SnapshotMarker } from './change-event.js';
import { createRedeliveryFilter, type Admission } from './redelivery-filter.js';
import { decodeRedeliveryState, encodeRedeliveryState, MAX_IDS_AT_POSITION } from './redelivery-state.js';
import type { SourcePosition } from './source-position.js';

const at = (commitLsn: bigint | null, eventLsn: bigint): SourcePosition => ({ commitLsn, eventLsn });

const eventAt = (position: SourcePosition, id: number, op: Op = 'c', snapshot: SnapshotMarker | null = null): ChangeEvent =>
  ({
    op,
    before: op === 'd' ? { id } : null,
    after: op === 'd' || op === 't' ? null : { id },
    source: {
      version: '3.4.3.Final',
      connector: 'postgresql',
      name: 'x',
      ts_ms: 0,
      snapshot,
      db: 'd',
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
  }) as ChangeEvent;

/** Restores a filter the way the processor does: through the committed offset metadata. */
const roundTrip = (filter: ReturnType<typeof createRedeliveryFilter>) => {
  const decoded = decodeRedeliveryState(encodeRedeliveryState(filter.state()));
  if (decoded.kind !== 'ok') throw new Error(decoded.detail);
  return createRedeliveryFilter(decoded.state);
};

describe('createRedeliveryFilter', () => {
  it('admits a COPY run of 200 rows at one LSN, and skips its re-send from the run start', () => {
    const filter = createRedeliveryFilter();
    const copy = Array.from({ length: 200 }, (_, i) => eventAt(at(100n, 110n), i + 1));
    expect(copy.map((e) => filter.admit(e))).toEqual(copy.map(() => 'fresh'));
    expect(copy.map((e) => filter.admit(e))).toEqual(copy.map(() => 'redelivery'));
    expect(filter.admit(eventAt(at(120n, 130n), 999))).toBe('fresh');
  });

  it('completes a run cut by a crash: the unsent rest is fresh, the re-sent head is not', () => {
    const filter = createRedeliveryFilter();
    const copy = Array.from({ length: 10 }, (_, i) => eventAt(at(100n, 110n), i + 1));
    copy.slice(0, 4).forEach((e) => filter.admit(e));
    const restored = roundTrip(filter);
    // Debezium re-sends from the transaction's first event, the run's head included, then the rest.
    const resend = [eventAt(at(100n, 105n), 0), ...copy];
    expect(resend.map((e) => restored.admit(e))).toEqual(['redelivery', ...copy.slice(0, 4).map(() => 'redelivery'), ...copy.slice(4).map(() => 'fresh')]);
  });

  it('commits the identity of the one event at the last position, so its re-send is skipped and a sibling is not', () => {
    const filter = createRedeliveryFilter();
    [1, 2, 3].forEach((n) => expect(filter.admit(eventAt(at(10n, BigInt(n)), n))).toBe('fresh'));
    const state = filter.state();
    expect(state?.kind === 'streamed' && state.ids.length).toBe(1);
    const restored = roundTrip(filter);
    expect(restored.admit(eventAt(at(10n, 3n), 3))).toBe('redelivery');
    expect(restored.admit(eventAt(at(10n, 3n), 4))).toBe('fresh');
    expect(restored.admit(eventAt(at(10n, 3n), 4))).toBe('redelivery');
  });

  it('admits the delete and the create of a primary-key update at one LSN', () => {
    const filter = createRedeliveryFilter();
    expect(filter.admit(eventAt(at(1n, 2n), 7, 'd'))).toBe('fresh');
    expect(filter.admit(eventAt(at(1n, 2n), 1_000_007, 'c'))).toBe('fresh');
    expect(filter.admit(eventAt(at(1n, 2n), 7, 'd'))).toBe('redelivery');
    expect(filter.admit(eventAt(at(1n, 2n), 1_000_007, 'c'))).toBe('redelivery');
  });

  it('skips events behind the position, and reads the first release metadata as everything up to its position', () => {
    const legacy = decodeRedeliveryState(JSON.stringify({ 'topic/0': ['9', '9'] }));
    if (legacy.kind !== 'ok') throw new Error('legacy metadata rejected');
    const filter = createRedeliveryFilter(legacy.state);
    expect(filter.admit(eventAt(at(9n, 8n), 1))).toBe('redelivery');
    expect(filter.admit(eventAt(at(9n, 9n), 2))).toBe('redelivery');
    expect(filter.admit(eventAt(at(9n, 10n), 3))).toBe('fresh');
  });

  it('admits a re-send that resumes part-way through a position (Debezium 3.7 counts events per LSN)', () => {
    const filter = createRedeliveryFilter();
    const copy = Array.from({ length: 6 }, (_, i) => eventAt(at(100n, 110n), i + 1));
    copy.slice(0, 4).forEach((e) => filter.admit(e));
    expect(copy.slice(2).map((e) => roundTrip(filter).admit(e))).toEqual(['redelivery', 'redelivery', 'fresh', 'fresh']);
  });

  it('takes a re-sent first transaction stamped with lsn_proc as its commit LSN for what it is', () => {
    const filter = createRedeliveryFilter();
    filter.admit(eventAt(at(null, 200n), 1));
    filter.admit(eventAt(at(null, 210n), 2));
    expect(filter.admit(eventAt(at(200n, 210n), 2))).toBe('redelivery');
    expect(filter.admit(eventAt(at(200n, 220n), 3))).toBe('fresh');
    expect(filter.admit(eventAt(at(230n, 240n), 4))).toBe('fresh');
  });

  it('starts a snapshot on its first read, and again when a crashed snapshot starts over', () => {
    const filter = createRedeliveryFilter();
    expect(filter.admit(eventAt(at(null, 50n), 1, 'r', 'first_in_data_collection'))).toBe('snapshot_start');
    expect(filter.admit(eventAt(at(null, 50n), 2, 'r', 'true'))).toBe('fresh');
    // Connect dies; Debezium snapshots again from the first row.
    expect(filter.admit(eventAt(at(null, 50n), 1, 'r', 'first_in_data_collection'))).toBe('snapshot_start');
    expect(filter.admit(eventAt(at(null, 50n), 2, 'r', 'true'))).toBe('fresh');
    expect(filter.admit(eventAt(at(null, 50n), 3, 'r', 'last'))).toBe('fresh');
    expect(filter.admit(eventAt(at(60n, 70n), 4))).toBe('fresh');
    // A blocking snapshot later: its first read restates, whatever its marker.
    expect(filter.admit(eventAt(at(60n, 90n), 1, 'r', 'true'))).toBe('snapshot_start');
  });

  it('admits streamed changes below the LSN of an initial snapshot (a transaction that began before it and committed after)', () => {
    const filter = createRedeliveryFilter();
    expect(filter.admit(eventAt(at(null, 500n), 1, 'r', 'first'))).toBe('snapshot_start');
    expect(filter.admit(eventAt(at(null, 500n), 2, 'r', 'last'))).toBe('fresh');
    expect(filter.admit(eventAt(at(null, 480n), 3))).toBe('fresh');
    expect(filter.admit(eventAt(at(null, 490n), 4))).toBe('fresh');
    expect(filter.admit(eventAt(at(null, 480n), 3))).toBe('redelivery');
  });

  it('skips events behind a blocking snapshot (they came before its signal)', () => {
    const filter = createRedeliveryFilter();
    filter.admit(eventAt(at(40n, 50n), 1));
    expect(filter.admit(eventAt(at(60n, 90n), 1, 'r', 'first'))).toBe('snapshot_start');
    expect(filter.admit(eventAt(at(60n, 90n), 2, 'r', 'last'))).toBe('fresh');
    expect(filter.admit(eventAt(at(40n, 50n), 1))).toBe('redelivery');
    expect(filter.admit(eventAt(at(95n, 96n), 5))).toBe('fresh');
  });

  it('counts a snapshot abandoned when streamed events come before its last read', () => {
    const filter = createRedeliveryFilter();
    filter.admit(eventAt(at(60n, 90n), 1, 'r', 'first'));
    filter.admit(eventAt(at(60n, 90n), 2, 'r', 'true'));
    expect(filter.abandonedSnapshots).toBe(0);
    expect(filter.admit(eventAt(at(95n, 96n), 3))).toBe('fresh');
    expect(filter.abandonedSnapshots).toBe(1);
  });

  it('takes a read after the last read of a snapshot as the start of the next one', () => {
    const filter = createRedeliveryFilter();
    expect(filter.admit(eventAt(at(null, 50n), 1, 'r', 'last'))).toBe('snapshot_start');
    expect(filter.admit(eventAt(at(null, 50n), 1, 'r', 'last'))).toBe('snapshot_start');
  });

  it('leaves reads of an incremental snapshot out, without moving the state', () => {
    const filter = createRedeliveryFilter();
    filter.admit(eventAt(at(5n, 6n), 1));
    const before = filter.state();
    expect(filter.admit(eventAt(at(5n, 7n), 2, 'r', 'incremental'))).toBe('incremental_snapshot');
    expect(filter.state()).toBe(before);
  });

  it('keeps a full heap page of identities within 4,096 bytes of offset metadata, and refuses more than any WAL record holds', () => {
    const filter = createRedeliveryFilter();
    const position = at(18446744073709551615n, 18446744073709551615n);
    for (let i = 0; i < MAX_IDS_AT_POSITION; i++) filter.admit(eventAt(position, i));
    const text = encodeRedeliveryState(filter.state());
    expect(text.length).toBeLessThan(4_096);
    expect(decodeRedeliveryState(text)).toEqual({ kind: 'ok', state: filter.state() });
    expect(() => filter.admit(eventAt(position, MAX_IDS_AT_POSITION))).toThrow(/refusing to guess/);
  });

  /**
   * A partition's stream as Debezium writes it: transactions in commit order, each a list of runs
   * (WAL records), each run one or more events at one LSN (a COPY's multi-insert, a key update).
   */
  const walStream = fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 25 }).map((transactions) => {
    const events: { position: SourcePosition; id: number; op: Op; runStart: boolean }[] = [];
    let commit: bigint | null = null;
    let lsn = 1_000n;
    let id = 0;
    for (const runs of transactions) {
      let event = lsn - 40n; // a later transaction may sit at lower LSNs than the one before
      for (const size of runs) {
        event += 3n;
        for (let k = 0; k < size; k++) events.push({ position: at(commit, event), id: ++id, op: k % 3 === 1 ? 'd' : 'c', runStart: k === 0 });
      }
      lsn += 200n;
      commit = lsn;
    }
    return events;
  });

  it('admits each event exactly once whatever Debezium re-sends and wherever the processor restarts', () => {
    const scenario = fc.record({
      stream: walStream,
      crashes: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 6 }),
      restores: fc.array(fc.nat(), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(scenario, ({ stream, crashes, restores }) => {
        // Each crash stops the connector after it sent events [from, stop) and resumes at or before
        // `stop`: at the start of a run (Debezium 3.4), or part-way through one (3.7 counts events
        // per LSN); from there it sends again, up to the end.
        const runStarts = [...stream.keys()].filter((i) => stream[i]!.runStart);
        const delivered: number[] = [];
        let from = 0;
        for (const [length, back, midRun] of crashes) {
          const stop = from + (length % (stream.length - from + 1));
          for (let i = from; i < stop; i++) delivered.push(i);
          const candidates = midRun ? Array.from({ length: stop + 1 }, (_, i) => i) : runStarts.filter((i) => i <= stop);
          from = candidates[candidates.length - 1 - (back % candidates.length)]!;
        }
        for (let i = from; i < stream.length; i++) delivered.push(i);
        let filter = createRedeliveryFilter();
        const fresh: number[] = [];
        delivered.forEach((i, n) => {
          if (restores.includes(n)) filter = roundTrip(filter);
          const e = stream[i]!;
          const admission: Admission = filter.admit(eventAt(e.position, e.id, e.op));
          if (admission === 'fresh') fresh.push(i);
        });
        expect(fresh).toEqual([...stream.keys()]);
      }),
      { seed: 20261201, numRuns: 3000 },
    );
  });

  it('restates on every (re)started snapshot and counts each read of the last one once', () => {
    const scenario = fc.record({
      attempts: fc.array(fc.record({ rows: fc.integer({ min: 1, max: 30 }), cut: fc.nat(), changed: fc.boolean() }), { minLength: 1, maxLength: 4 }),
      restores: fc.array(fc.nat(), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(scenario, ({ attempts, restores }) => {
        let filter = createRedeliveryFilter();
        let n = 0;
        let starts = 0;
        let counted = 0;
        attempts.forEach(({ rows, cut, changed }, a) => {
          const last = a === attempts.length - 1;
          const sent = last ? rows : 1 + (cut % rows); // a crashed attempt stops part-way
          for (let r = 0; r < sent; r++) {
            if (restores.includes(n++)) filter = roundTrip(filter);
            const marker: SnapshotMarker = r === 0 ? 'first' : r === rows - 1 ? 'last' : 'true';
            const id = changed && r > 0 ? 1_000 * (a + 1) + r : r;
            const admission = filter.admit(eventAt(at(null, 500n + BigInt(changed ? a : 0)), id, 'r', marker));
            if (admission === 'snapshot_start') {
              starts++;
              counted = 1;
            } else if (admission === 'fresh') counted++;
          }
        });
        expect(starts).toBe(attempts.length);
        expect(counted).toBe(attempts[attempts.length - 1]!.rows);
      }),
      { seed: 20261202, numRuns: 1000 },
    );
  });
});

describe('decodeRedeliveryState', () => {
  it.each([
    ['not JSON', 'nope'],
    ['a number LSN', JSON.stringify({ v: 2, p: [null, 5], ids: '' })],
    ['ids that are not 7-byte identities', JSON.stringify({ v: 2, p: [null, '5'], ids: 'AAAA' })],
    ['a snapshot without reads', JSON.stringify({ v: 2, p: [null, '5'], snap: [1, 0, 'open'] })],
    ['a hex LSN', JSON.stringify({ p: ['0/16B3748', '0/16B3760'] })],
  ])('rejects %s', (_, text) => {
    expect(decodeRedeliveryState(text)).toMatchObject({ kind: 'invalid' });
  });
});
