import { GroupTable, MAX_PARTITION, MAX_TYPE_ID } from './group-table.js';

/** Everything a window aggregator needs to carry on where it stopped. */
export interface WindowStateParts {
  readonly watermark: number | null;
  /** Windows ending at or before this have had their closing emitted. */
  readonly closedThrough: number | null;
  readonly lateCount: number;
  /** Activity types by id (id = index + 1). */
  readonly activityTypes: readonly string[];
  readonly table: GroupTable;
}

export type WindowSnapshotResult = { readonly kind: 'ok'; readonly parts: WindowStateParts } | { readonly kind: 'invalid'; readonly detail: string };

const MAGIC = 0x57504145; // "EAPW" read little-endian
const VERSION = 1;
const HEADER_BYTES = 4 + 1 + 8 * 3;
/** employee, type, hour, count, durations (int32 each), sum (float64), revision (uint32), partition (uint16), flags (uint8). */
const GROUP_BYTES = 4 * 5 + 8 + 4 + 2 + 1;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Little-endian binary: a header, the activity types, then 35 bytes per group. */
export const encodeWindowSnapshot = ({ watermark, closedThrough, lateCount, activityTypes, table }: WindowStateParts): Uint8Array => {
  const names = activityTypes.map((t) => utf8.encode(t));
  const size = HEADER_BYTES + 4 + names.reduce((n, b) => n + 2 + b.length, 0) + 4 + table.size * GROUP_BYTES;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  let at = 0;
  view.setUint32(at, MAGIC, true);
  view.setUint8((at += 4), VERSION);
  view.setFloat64((at += 1), watermark ?? Number.NaN, true);
  view.setFloat64((at += 8), closedThrough ?? Number.NaN, true);
  view.setFloat64((at += 8), lateCount, true);
  view.setUint32((at += 8), names.length, true);
  at += 4;
  for (const name of names) {
    view.setUint16(at, name.length, true);
    bytes.set(name, at + 2);
    at += 2 + name.length;
  }
  view.setUint32(at, table.size, true);
  at += 4;
  for (let slot = 0; slot < table.capacity; slot++) {
    if (!table.isUsed(slot)) continue;
    view.setInt32(at, table.employee(slot), true);
    view.setInt32(at + 4, table.typeId(slot), true);
    view.setInt32(at + 8, table.hour(slot), true);
    view.setInt32(at + 12, table.count(slot), true);
    view.setInt32(at + 16, table.durations(slot), true);
    view.setFloat64(at + 20, table.sum(slot), true);
    view.setUint32(at + 28, table.revision(slot), true);
    view.setUint16(at + 32, table.partition(slot), true);
    view.setUint8(at + 34, table.flags(slot));
    at += GROUP_BYTES;
  }
  return bytes;
};

export const decodeWindowSnapshot = (bytes: Uint8Array): WindowSnapshotResult => {
  const invalid = (detail: string): WindowSnapshotResult => ({ kind: 'invalid', detail: `window snapshot: ${detail}` });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < HEADER_BYTES + 4 || view.getUint32(0, true) !== MAGIC) return invalid('not a window snapshot');
  if (view.getUint8(4) !== VERSION) return invalid(`version ${view.getUint8(4)} is not ${VERSION}`);
  const nullable = (value: number) => (Number.isNaN(value) ? null : value);
  const watermark = nullable(view.getFloat64(5, true));
  const closedThrough = nullable(view.getFloat64(13, true));
  const lateCount = view.getFloat64(21, true);
  const typeCount = view.getUint32(29, true);
  if (typeCount > MAX_TYPE_ID) return invalid(`${typeCount} activity types, more than ${MAX_TYPE_ID}`);
  let at = HEADER_BYTES + 4;
  const activityTypes: string[] = [];
  try {
    for (let i = 0; i < typeCount; i++) {
      const length = view.getUint16(at, true);
      if (at + 2 + length > bytes.byteLength) return invalid('truncated activity types');
      activityTypes.push(fromUtf8.decode(bytes.subarray(at + 2, at + 2 + length)));
      at += 2 + length;
    }
  } catch {
    return invalid('activity types are not UTF-8');
  }
  if (at + 4 > bytes.byteLength) return invalid('truncated');
  const groupCount = view.getUint32(at, true);
  at += 4;
  if (bytes.byteLength !== at + groupCount * GROUP_BYTES) return invalid(`${groupCount} groups do not fit ${bytes.byteLength} bytes`);
  let capacity = 1024;
  while (groupCount + 1 > capacity * 0.5) capacity *= 2;
  const table = new GroupTable(capacity);
  for (let i = 0; i < groupCount; i++, at += GROUP_BYTES) {
    const type = view.getInt32(at + 4, true);
    if (type < 1 || type > typeCount) return invalid(`group ${i} names activity type ${type} of ${typeCount}`);
    const partition = view.getUint16(at + 32, true);
    if (partition > MAX_PARTITION) return invalid(`group ${i} has partition ${partition}`);
    const slot = table.slotOf(view.getInt32(at, true), type, view.getInt32(at + 8, true));
    table.setState(slot, view.getInt32(at + 12, true), view.getInt32(at + 16, true), view.getFloat64(at + 20, true));
    table.setRevision(slot, view.getUint32(at + 28, true));
    table.setPartitionAndFlags(slot, partition, view.getUint8(at + 34));
  }
  return { kind: 'ok', parts: { watermark, closedThrough, lateCount, activityTypes, table } };
};
