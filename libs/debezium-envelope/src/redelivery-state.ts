import type { SourcePosition } from './source-position.js';
import { isRecord } from './value-guards.js';

/**
 * The re-delivery rule's state for one partition, committed with its offset as metadata:
 * - `streamed`: the current position and the identities of the events admitted at it;
 * - `snapshot`: a snapshot's position, its first read's identity, reads admitted, and whether its
 *   last read came (`ended`).
 */
export type RedeliveryState =
  | { readonly kind: 'streamed'; readonly position: SourcePosition; readonly ids: readonly number[] }
  | {
      readonly kind: 'snapshot';
      readonly position: SourcePosition;
      readonly first: number;
      readonly count: number;
      readonly snapshot: 'open' | 'ended';
    };

/**
 * Identities are 53-bit, packed as 7 bytes each in base64url: a heap page's 291 rows take 2,716
 * characters, under the broker's 4,096-byte `offset.metadata.max.bytes` default.
 */
export const encodeRedeliveryState = (state: RedeliveryState | null): string => {
  if (state === null) return '{"v":2}';
  const p = [state.position.commitLsn === null ? null : String(state.position.commitLsn), String(state.position.eventLsn)];
  return state.kind === 'streamed'
    ? JSON.stringify({ v: 2, p, ids: packIds(state.ids) })
    : JSON.stringify({ v: 2, p, snap: [state.first, state.count, state.snapshot] });
};

export type RedeliveryStateResult = { readonly kind: 'ok'; readonly state: RedeliveryState | null } | { readonly kind: 'invalid'; readonly detail: string };

const LSN = /^\d{1,20}$/;
const isLsnOrNull = (v: unknown): v is string | null => v === null || (typeof v === 'string' && LSN.test(v));

/**
 * Reads what `encodeRedeliveryState` wrote; no metadata means no event processed yet. The first
 * release's form (`{"<topic>/<partition>": [commitLsn, eventLsn]}`) is read as its position with
 * every event at it admitted, which is what that rule did.
 */
export const decodeRedeliveryState = (text: string | null): RedeliveryStateResult => {
  if (text === null || text === '') return { kind: 'ok', state: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'invalid', detail: 'offset metadata is not JSON' };
  }
  if (!isRecord(parsed)) return { kind: 'invalid', detail: 'offset metadata must be an object' };
  if (parsed['v'] !== 2) return readFirstRelease(parsed, text);
  if (parsed['p'] === undefined) return { kind: 'ok', state: null };
  const p = parsed['p'];
  if (!Array.isArray(p) || p.length !== 2 || !isLsnOrNull(p[0]) || typeof p[1] !== 'string' || !LSN.test(p[1])) {
    return { kind: 'invalid', detail: `offset metadata position ${JSON.stringify(p)} is not ["<lsn>"|null, "<lsn>"]` };
  }
  const position: SourcePosition = { commitLsn: p[0] === null ? null : BigInt(p[0]), eventLsn: BigInt(p[1]) };
  if (typeof parsed['ids'] === 'string') {
    const ids = unpackIds(parsed['ids']);
    return ids === undefined
      ? { kind: 'invalid', detail: 'offset metadata ids are not packed identities' }
      : { kind: 'ok', state: { kind: 'streamed', position, ids } };
  }
  const snap = parsed['snap'];
  if (
    Array.isArray(snap) &&
    snap.length === 3 &&
    Number.isSafeInteger(snap[0]) &&
    Number.isSafeInteger(snap[1]) &&
    snap[1] > 0 &&
    (snap[2] === 'open' || snap[2] === 'ended')
  ) {
    return { kind: 'ok', state: { kind: 'snapshot', position, first: snap[0], count: snap[1], snapshot: snap[2] } };
  }
  return { kind: 'invalid', detail: `offset metadata ${text.slice(0, 120)} has neither ids nor snap` };
};

const readFirstRelease = (parsed: Readonly<Record<string, unknown>>, text: string): RedeliveryStateResult => {
  const entries = Object.values(parsed);
  if (entries.length === 0) return { kind: 'ok', state: null };
  const [legacy] = entries;
  if (entries.length === 1 && Array.isArray(legacy) && legacy.length === 2 && isLsnOrNull(legacy[0]) && typeof legacy[1] === 'string' && LSN.test(legacy[1])) {
    // Just past that position (no WAL record starts one byte after another): every event at it is behind.
    const position = { commitLsn: legacy[0] === null ? null : BigInt(legacy[0]), eventLsn: BigInt(legacy[1]) + 1n };
    return { kind: 'ok', state: { kind: 'streamed', position, ids: [] } };
  }
  return { kind: 'invalid', detail: `offset metadata ${text.slice(0, 120)} is not a re-delivery state` };
};

const ID_BYTES = 7;

/** Identities one position may hold in offset metadata (a heap page holds at most 291 rows). */
export const MAX_IDS_AT_POSITION = 400;

const packIds = (ids: readonly number[]): string => {
  const bytes = Buffer.alloc(ids.length * ID_BYTES);
  ids.forEach((id, i) => {
    bytes.writeUInt8(Math.floor(id / 2 ** 48), i * ID_BYTES);
    bytes.writeUIntBE(id % 2 ** 48, i * ID_BYTES + 1, 6);
  });
  return bytes.toString('base64url');
};

const unpackIds = (text: string): number[] | undefined => {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length % ID_BYTES !== 0 || bytes.toString('base64url') !== text) return undefined;
  const ids = Array.from({ length: bytes.length / ID_BYTES }, (_, i) => bytes.readUInt8(i * ID_BYTES) * 2 ** 48 + bytes.readUIntBE(i * ID_BYTES + 1, 6));
  return ids.every(Number.isSafeInteger) ? ids : undefined;
};
