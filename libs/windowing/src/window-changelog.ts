/**
 * The aggregator's state as a changelog: one record per window group, written in the same
 * transaction as the summaries and the input offsets, so the latest record per key is the group's
 * state as of the last commit. A tombstone means the group was released (past retention).
 *
 * Key: employee id (int32) · hour since the epoch (int32) · activity type (UTF-8), big-endian.
 * Value: count (int32) · count of durations (int32) · sum (float64) · revision (uint32) · published (uint8)
 * · input partition that fed it (uint16).
 */
export interface ChangelogEntry {
  readonly key: Uint8Array;
  readonly value: Uint8Array | null;
}

export interface GroupState {
  readonly employee: number;
  readonly activityType: string;
  readonly hour: number;
  readonly count: number;
  readonly durations: number;
  readonly sum: number;
  readonly revision: number;
  readonly published: boolean;
  readonly partition: number;
}

/** What the changelog records do not hold: committed with the input offset as its metadata. */
export interface WindowMeta {
  readonly watermark: number | null;
  readonly closedThrough: number | null;
  readonly lateCount: number;
  /** WINDOW_RETENTION_HOURS the aggregator ran with, so `verify` uses its horizon (absent in older metadata). */
  readonly retentionHours?: number;
  /** The settings every instance must share, as the instance that committed last had them (absent in older metadata). */
  readonly agreed?: AgreedWindowSettings;
  /** The instance id of the aggregator that committed last. */
  readonly instance?: string;
}

/** What every aggregator instance of one group must run with: a partition's windows move between them. */
export interface AgreedWindowSettings {
  readonly graceSeconds: number;
  readonly maxSkewSeconds: number;
  readonly retentionHours: number;
  readonly idleAdvanceSeconds: number;
  /** The processed topic's partition count. */
  readonly partitions: number;
}

const VALUE_BYTES = 23;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

export const encodeGroupKey = (employee: number, activityType: string, hour: number): Uint8Array => {
  const type = utf8.encode(activityType);
  const key = new Uint8Array(8 + type.length);
  const view = new DataView(key.buffer);
  view.setInt32(0, employee);
  view.setInt32(4, hour);
  key.set(type, 8);
  return key;
};

export const encodeGroupValue = (s: Omit<GroupState, 'employee' | 'activityType' | 'hour'>): Uint8Array => {
  const value = new Uint8Array(VALUE_BYTES);
  const view = new DataView(value.buffer);
  view.setInt32(0, s.count);
  view.setInt32(4, s.durations);
  view.setFloat64(8, s.sum);
  view.setUint32(16, s.revision);
  view.setUint8(20, s.published ? 1 : 0);
  view.setUint16(21, s.partition);
  return value;
};

export type DecodedChangelogEntry =
  | { readonly kind: 'state'; readonly state: GroupState }
  | { readonly kind: 'released'; readonly employee: number; readonly activityType: string; readonly hour: number }
  | { readonly kind: 'invalid'; readonly detail: string };

export const decodeChangelogEntry = (key: Uint8Array | null, value: Uint8Array | null): DecodedChangelogEntry => {
  if (key === null || key.byteLength < 9) return { kind: 'invalid', detail: `changelog key of ${key?.byteLength ?? 'no'} bytes` };
  const keyView = new DataView(key.buffer, key.byteOffset, key.byteLength);
  let activityType: string;
  try {
    activityType = fromUtf8.decode(key.subarray(8));
  } catch {
    return { kind: 'invalid', detail: 'changelog key: activity type is not UTF-8' };
  }
  const employee = keyView.getInt32(0);
  const hour = keyView.getInt32(4);
  if (value === null) return { kind: 'released', employee, activityType, hour };
  if (value.byteLength !== VALUE_BYTES) return { kind: 'invalid', detail: `changelog value of ${value.byteLength} bytes, expected ${VALUE_BYTES}` };
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  return {
    kind: 'state',
    state: {
      employee,
      activityType,
      hour,
      count: view.getInt32(0),
      durations: view.getInt32(4),
      sum: view.getFloat64(8),
      revision: view.getUint32(16),
      published: view.getUint8(20) === 1,
      partition: view.getUint16(21),
    },
  };
};

/** `{"watermark":…,"closedThrough":…,"lateCount":…}`: small enough for an offset's metadata. */
export const encodeWindowMeta = (meta: WindowMeta): string =>
  JSON.stringify({
    watermark: meta.watermark,
    closedThrough: meta.closedThrough,
    lateCount: meta.lateCount,
    retentionHours: meta.retentionHours,
    agreed: meta.agreed,
    instance: meta.instance,
  });

const AGREED_KEYS = ['graceSeconds', 'maxSkewSeconds', 'retentionHours', 'idleAdvanceSeconds', 'partitions'] as const;

const decodeAgreed = (v: unknown): AgreedWindowSettings | undefined => {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  return AGREED_KEYS.every((k) => Number.isSafeInteger(o[k]))
    ? (Object.fromEntries(AGREED_KEYS.map((k) => [k, o[k]])) as unknown as AgreedWindowSettings)
    : undefined;
};

export type DecodedWindowMeta = { readonly kind: 'ok'; readonly meta: WindowMeta } | { readonly kind: 'invalid'; readonly detail: string };

const EMPTY_META: WindowMeta = { watermark: null, closedThrough: null, lateCount: 0 };

/** No metadata (a partition never committed) is the empty state. */
export const decodeWindowMeta = (text: string | null): DecodedWindowMeta => {
  if (text === null || text === '') return { kind: 'ok', meta: EMPTY_META };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { kind: 'invalid', detail: 'window metadata is not JSON' };
  }
  const o = parsed as Record<string, unknown>;
  const time = (v: unknown) => v === null || Number.isSafeInteger(v);
  if (typeof o !== 'object' || o === null || !time(o['watermark']) || !time(o['closedThrough']) || !Number.isSafeInteger(o['lateCount'])) {
    return { kind: 'invalid', detail: `window metadata ${text.slice(0, 200)} lacks watermark, closedThrough or lateCount` };
  }
  const retention = o['retentionHours'];
  const agreed = decodeAgreed(o['agreed']);
  const instance = o['instance'];
  return {
    kind: 'ok',
    meta: {
      watermark: o['watermark'] as number | null,
      closedThrough: o['closedThrough'] as number | null,
      lateCount: o['lateCount'] as number,
      ...(Number.isSafeInteger(retention) && (retention as number) > 0 ? { retentionHours: retention as number } : {}),
      ...(agreed ? { agreed } : {}),
      ...(typeof instance === 'string' && instance !== '' ? { instance } : {}),
    },
  };
};
