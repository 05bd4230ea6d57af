import type { RowSchema } from './row-schema.js';
import type { SourcePosition } from './source-position.js';

/** Debezium's operations: create, update, delete, read (snapshot), truncate. */
export type Op = 'c' | 'u' | 'd' | 'r' | 't';

export const ops: readonly Op[] = ['c', 'u', 'd', 'r', 't'];

/** Values of `source.snapshot` in Debezium 3.x; streamed events carry `false`, or null (see SourceInfo). */
export type SnapshotMarker = 'true' | 'first' | 'first_in_data_collection' | 'last_in_data_collection' | 'last' | 'false' | 'incremental';

export const snapshotMarkers: readonly SnapshotMarker[] = [
  'true',
  'first',
  'first_in_data_collection',
  'last_in_data_collection',
  'last',
  'false',
  'incremental',
];

/**
 * A row as the converter wrote it: column name to raw value (numbers, strings, booleans, null;
 * temporal columns still in Debezium's encoding). Read typed columns with `createRowReader`.
 */
export type RowImage = Readonly<Record<string, unknown>>;

/** The `source` block of the PostgreSQL connector, field for field. */
export interface SourceInfo {
  readonly version: string;
  readonly connector: string;
  /** The topic prefix (`topic.prefix`). */
  readonly name: string;
  /** When the change was committed in the database (epoch millis). */
  readonly ts_ms: number;
  /**
   * Null for streamed events when the converter runs with `replace.null.with.default=false` (our
   * connector config); `false` with Kafka's default, which writes the schema default instead.
   */
  readonly snapshot: SnapshotMarker | null;
  readonly db: string;
  /** `["<last commit lsn>","<event lsn>"]` as a JSON string. */
  readonly sequence: string | null;
  readonly ts_us: number | null;
  /** Nanoseconds exceed 2^53: JSON parsing rounds them. Prefer ts_us. */
  readonly ts_ns: number | null;
  readonly schema: string;
  readonly table: string;
  readonly txId: number | null;
  readonly lsn: number | null;
  readonly xmin: number | null;
}

/** The `transaction` block, present when `provide.transaction.metadata` is on. */
export interface TransactionBlock {
  readonly id: string;
  readonly total_order: number;
  readonly data_collection_order: number;
}

interface EventCommon {
  readonly source: SourceInfo;
  readonly transaction: TransactionBlock | null;
  /** When the connector processed the event (epoch millis). */
  readonly ts_ms: number | null;
  readonly ts_us: number | null;
  readonly ts_ns: number | null;
  /** Derived from `source.sequence` / `source.lsn`. */
  readonly position: SourcePosition;
  /** The row's columns, when the record carried a schema; null for schemaless JSON. */
  readonly columns: RowSchema | null;
}

export interface CreateEvent extends EventCommon {
  readonly op: 'c';
  readonly before: null;
  readonly after: RowImage;
}

/** A snapshot read: the row as it was when the snapshot ran. */
export interface ReadEvent extends EventCommon {
  readonly op: 'r';
  readonly before: null;
  readonly after: RowImage;
}

export interface UpdateEvent extends EventCommon {
  readonly op: 'u';
  /** The full old row under `REPLICA IDENTITY FULL`; null when the table's identity gives none. */
  readonly before: RowImage | null;
  readonly after: RowImage;
}

export interface DeleteEvent extends EventCommon {
  readonly op: 'd';
  readonly before: RowImage;
  readonly after: null;
}

export interface TruncateEvent extends EventCommon {
  readonly op: 't';
  readonly before: null;
  readonly after: null;
}

export type RowChangeEvent = CreateEvent | ReadEvent | UpdateEvent | DeleteEvent;

export type ChangeEvent = RowChangeEvent | TruncateEvent;

/**
 * A read of an initial or blocking snapshot: all carry the snapshot's LSN, so positions do not order
 * them. Reads of an incremental snapshot (`incremental`) interleave with streaming and are not these.
 */
export const isSnapshotRead = (event: ChangeEvent): boolean =>
  event.op === 'r' && event.source.snapshot !== null && event.source.snapshot !== 'false' && event.source.snapshot !== 'incremental';
