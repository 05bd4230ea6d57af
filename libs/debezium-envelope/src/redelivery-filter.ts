import type { ChangeEvent } from './change-event.js';
import { isSnapshotRead } from './change-event.js';
import { eventIdentity } from './event-identity.js';
import type { RedeliveryState } from './redelivery-state.js';
import { MAX_IDS_AT_POSITION } from './redelivery-state.js';
import type { SourcePosition } from './source-position.js';
import { comparePositions, formatPosition } from './source-position.js';

/**
 * What to do with an event read from one input partition:
 * - `fresh`: not processed before; process it;
 * - `redelivery`: Debezium sent it again after a restart; skip it;
 * - `snapshot_start`: the first read of a snapshot that (re)starts: restate the outputs (empty them),
 *   then process the read;
 * - `incremental_snapshot`: a read of an incremental snapshot, interleaved with streaming; skip it
 *   (counting it again would double the row; see the README's guarantees).
 */
export type Admission = 'fresh' | 'redelivery' | 'snapshot_start' | 'incremental_snapshot';

export interface RedeliveryFilter {
  /** Classifies the event and moves the partition's state past it. */
  admit(event: ChangeEvent): Admission;
  /** The state to commit with the partition's offset; null before the first event. */
  state(): RedeliveryState | null;
  /**
   * Streamed events that came while a snapshot's reads had not reached their last one: the snapshot
   * was abandoned (Debezium does not resume a blocking snapshot after a crash), so the outputs lack
   * the rows it did not read. Ask for a new snapshot.
   */
  readonly abandonedSnapshots: number;
}

/**
 * The re-delivery rule of one Debezium partition (docs/guarantees.md). Debezium writes a partition
 * in WAL order: positions (`source.sequence`: last commit LSN, event LSN) never decrease, and after
 * a crash it re-sends from an earlier position. Events of one WAL record share a position (a COPY's
 * multi-insert, a primary-key update's delete and create) and touch distinct rows, so within a
 * position they are told apart by what they carry (`eventIdentity`). So:
 * - behind the current position: a re-send;
 * - at it: a re-send if its identity was already admitted there, else fresh; this holds whether the
 *   re-send starts at the position's first event (Debezium 3.4) or part-way (3.7, `lsn_events_processed`);
 * - beyond it: fresh, and the new current position.
 * State: the position and the identities admitted at it, at most a heap page of rows (291).
 * Snapshot reads all share the snapshot's position and are never re-sent one by one: a snapshot
 * that Debezium runs again starts over, and restates.
 */
export const createRedeliveryFilter = (restored: RedeliveryState | null = null): RedeliveryFilter => {
  let run: RedeliveryState | null = restored;
  let abandonedSnapshots = 0;
  /**
   * The first event at the current streamed position, whose identity is not yet in `run.ids`. An
   * identity is a JSON text of both images hashed: worked out only when a second event comes at the
   * same position or the state is committed, not for every event of a bulk insert (a position each).
   */
  let unhashed: ChangeEvent | null = null;
  const hashed = (): RedeliveryState | null => {
    if (unhashed !== null && run?.kind === 'streamed') run = { ...run, ids: [eventIdentity(unhashed), ...run.ids] };
    unhashed = null;
    return run;
  };
  const startPosition = (event: ChangeEvent, position: ChangeEvent['position']): Admission => {
    run = { kind: 'streamed', position, ids: [] };
    unhashed = event;
    return 'fresh';
  };

  const admitSnapshotRead = (event: ChangeEvent, id: number): Admission => {
    const marker = event.source.snapshot;
    const snapshot = marker === 'last' || marker === 'last_in_data_collection' ? 'ended' : 'open';
    const starts =
      run === null ||
      run.kind !== 'snapshot' ||
      run.snapshot === 'ended' ||
      marker === 'first' ||
      marker === 'first_in_data_collection' ||
      comparePositions(event.position, run.position) !== 0 ||
      id === run.first;
    if (starts) {
      run = { kind: 'snapshot', position: event.position, first: id, count: 1, snapshot };
      return 'snapshot_start';
    }
    const current = run as Extract<RedeliveryState, { kind: 'snapshot' }>;
    run = { ...current, count: current.count + 1, snapshot };
    return 'fresh';
  };

  const admitStreamed = (event: ChangeEvent): Admission => {
    const current = run;
    if (current?.kind === 'snapshot' && current.snapshot === 'open') abandonedSnapshots++;
    if (current === null) return startPosition(event, event.position);
    const position = comparable(event.position, current.position);
    const order = comparePositions(position, current.position);
    // After an initial snapshot (its position has no commit LSN) streaming starts afresh: a
    // transaction that began before the snapshot's LSN and committed after it has changes at lower
    // LSNs, and the snapshot could not see them. After a blocking snapshot (its position carries the
    // last commit LSN), events behind it are re-sends of what came before the signal.
    const afterSnapshot = current.kind === 'snapshot' && (order >= 0 || current.position.commitLsn === null);
    if (afterSnapshot || (current.kind === 'streamed' && order > 0)) return startPosition(event, position);
    if (order < 0 || current.kind !== 'streamed') return 'redelivery';
    const atPosition = hashed() as Extract<RedeliveryState, { kind: 'streamed' }>;
    const id = eventIdentity(event);
    if (atPosition.ids.includes(id)) return 'redelivery';
    if (atPosition.ids.length >= MAX_IDS_AT_POSITION) {
      throw new RangeError(
        `more than ${MAX_IDS_AT_POSITION} events at source position ${formatPosition(current.position)}: not a WAL record's rows; refusing to guess which are re-sent`,
      );
    }
    run = { ...atPosition, ids: [...atPosition.ids, id] };
    return 'fresh';
  };

  return {
    admit(event) {
      if (event.op === 'r' && event.source.snapshot === 'incremental') return 'incremental_snapshot';
      if (!isSnapshotRead(event)) return admitStreamed(event);
      hashed();
      return admitSnapshotRead(event, eventIdentity(event));
    },
    state: hashed,
    get abandonedSnapshots() {
      return abandonedSnapshots;
    },
  };
};

/**
 * Debezium 3.4 restarting from an offset without a commit LSN (the first transaction after a
 * snapshot) stamps the re-sent events with `lsn_proc` as their commit LSN where the originals had
 * none. A commit LSN at or before the current event LSN cannot be a later transaction's (a commit
 * follows its changes in the WAL): such an event belongs to that first transaction.
 */
const comparable = (p: SourcePosition, current: SourcePosition): SourcePosition =>
  current.commitLsn === null && p.commitLsn !== null && p.commitLsn <= current.eventLsn ? { commitLsn: null, eventLsn: p.eventLsn } : p;
