import type { Rejection } from './envelope-rejection.js';
import { reject } from './envelope-rejection.js';

/**
 * Where an event sits in the PostgreSQL WAL: the LSN of the last commit before it, then its own
 * LSN, both from Debezium's `source.sequence` (`["<last commit lsn>","<event lsn>"]`, decimal
 * strings). Debezium writes one partition in commit order, so on a partition positions only grow;
 * a position that does not is a re-delivery. LSNs are 64-bit, hence bigint.
 */
export interface SourcePosition {
  /** null before the connector has seen any commit (the first events after its first start). */
  readonly commitLsn: bigint | null;
  readonly eventLsn: bigint;
}

export type PositionResult = { readonly kind: 'ok'; readonly position: SourcePosition } | Rejection<'invalid_shape'>;

const LSN = /^\d{1,20}$/;
/** `["<commit>","<event>"]` with either side possibly `null`, no spaces: what Debezium writes. */
const PLAIN_SEQUENCE = /^\[(?:null|"(\d{1,20})"),(?:null|"(\d{1,20})")\]$/;

/**
 * Reads the position from `source.sequence`, falling back to `source.lsn` (with no commit LSN)
 * when a connector does not write the sequence.
 */
export const readSourcePosition = (sequence: string | null, lsn: number | null): PositionResult => {
  if (sequence === null) {
    return lsn === null ? reject('invalid_shape', 'source has neither sequence nor lsn') : { kind: 'ok', position: { commitLsn: null, eventLsn: BigInt(lsn) } };
  }
  // Debezium's own form, read without JSON.parse (per event, it showed in the processor's profile).
  const plain = PLAIN_SEQUENCE.exec(sequence);
  if (plain !== null) return positionOf(plain[1] ?? null, plain[2] ?? null, lsn);
  let parsed: unknown;
  try {
    parsed = JSON.parse(sequence);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every(isLsnOrNull)) {
    return reject('invalid_shape', `source.sequence must be ["<lsn>|null","<lsn>"], got ${JSON.stringify(sequence)}`);
  }
  const [commit, event] = parsed as [string | null, string | null];
  return positionOf(commit, event, lsn);
};

/** The two LSNs of a sequence (decimal strings or null), the event's falling back to `source.lsn`. */
const positionOf = (commit: string | null, event: string | null, lsn: number | null): PositionResult => {
  const eventLsn = event === null ? (lsn === null ? null : BigInt(lsn)) : BigInt(event);
  if (eventLsn === null) return reject('invalid_shape', 'source.sequence has no event lsn and source.lsn is null');
  return { kind: 'ok', position: { commitLsn: commit === null ? null : BigInt(commit), eventLsn } };
};

const isLsnOrNull = (value: unknown): boolean => value === null || (typeof value === 'string' && LSN.test(value));

/** Orders positions by commit LSN (null first), then event LSN. */
export const comparePositions = (a: SourcePosition, b: SourcePosition): -1 | 0 | 1 => {
  const byCommit = compareNullable(a.commitLsn, b.commitLsn);
  return byCommit !== 0 ? byCommit : a.eventLsn < b.eventLsn ? -1 : a.eventLsn > b.eventLsn ? 1 : 0;
};

const compareNullable = (a: bigint | null, b: bigint | null): -1 | 0 | 1 => {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/** `<commit>/<event>` for logs and DLQ details. */
export const formatPosition = (p: SourcePosition): string => `${p.commitLsn ?? 'null'}/${p.eventLsn}`;
