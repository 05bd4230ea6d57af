import type { ChangeEvent, RowImage, SourceInfo, TransactionBlock } from './change-event.js';
import { ops, snapshotMarkers } from './change-event.js';
import type { Rejection } from './envelope-rejection.js';
import { reject } from './envelope-rejection.js';
import type { RowSchema } from './row-schema.js';
import { createShapeReader } from './shape-reader.js';
import { readSourcePosition } from './source-position.js';
import { describeValue, isNullish, isRecord } from './value-guards.js';

const NO_POSITION = { commitLsn: null, eventLsn: 0n } as const;

export type PayloadResult = { readonly kind: 'event'; readonly event: ChangeEvent } | Rejection<'invalid_shape' | 'unknown_op'>;

type Read<T> = { readonly kind: 'ok'; readonly value: T } | Rejection<'invalid_shape'>;

/**
 * Turns a Debezium envelope payload (`before`, `after`, `source`, `transaction`, `op`, `ts_*`),
 * however it was decoded, into a typed change event. Row images stay raw.
 */
export const readEnvelopePayload = (payload: unknown, columns: RowSchema | null): PayloadResult => {
  if (!isRecord(payload)) return reject('invalid_shape', `envelope must be an object, got ${describeValue(payload)}`);
  const op = payload['op'];
  if (typeof op !== 'string') return reject('invalid_shape', `envelope.op must be a string, got ${describeValue(op)}`);
  const knownOp = ops.find((o) => o === op);
  if (knownOp === undefined) return reject('unknown_op', `envelope.op ${JSON.stringify(op)} is not one of ${ops.join(', ')}`);

  const envelope = createShapeReader(payload, 'envelope');
  const times = { ts_ms: envelope.nullableInteger('ts_ms'), ts_us: envelope.nullableInteger('ts_us'), ts_ns: nanos(payload['ts_ns']) };
  const timesProblem = envelope.problem();
  if (timesProblem !== undefined) return reject('invalid_shape', timesProblem);
  const source = readSource(payload['source']);
  if (source.kind === 'invalid') return source;
  const transaction = readTransaction(payload['transaction']);
  if (transaction.kind === 'invalid') return transaction;
  // Reads of an incremental snapshot carry no LSN (Debezium leaves it out); they have no position.
  const incremental = knownOp === 'r' && source.value.snapshot === 'incremental' && source.value.sequence === null && source.value.lsn === null;
  const position = incremental ? ({ kind: 'ok', position: NO_POSITION } as const) : readSourcePosition(source.value.sequence, source.value.lsn);
  if (position.kind === 'invalid') return position;
  const before = readImage(payload, 'before');
  if (before.kind === 'invalid') return before;
  const after = readImage(payload, 'after');
  if (after.kind === 'invalid') return after;

  const common = { source: source.value, transaction: transaction.value, ...times, position: position.position, columns };
  const [b, a] = [before.value, after.value];
  switch (knownOp) {
    case 't':
      return { kind: 'event', event: { ...common, op: 't', before: null, after: null } };
    case 'd':
      if (b === null) return reject('invalid_shape', 'a delete must carry envelope.before');
      return { kind: 'event', event: { ...common, op: 'd', before: b, after: null } };
    case 'u':
      if (a === null) return reject('invalid_shape', 'an update must carry envelope.after');
      return { kind: 'event', event: { ...common, op: 'u', before: b, after: a } };
    case 'c':
    case 'r':
      if (a === null) return reject('invalid_shape', `op ${knownOp} must carry envelope.after`);
      return { kind: 'event', event: { ...common, op: knownOp, before: null, after: a } };
  }
};

const readImage = (payload: Readonly<Record<string, unknown>>, key: 'before' | 'after'): Read<RowImage | null> => {
  const value = payload[key];
  if (isNullish(value)) return { kind: 'ok', value: null };
  if (isRecord(value)) return { kind: 'ok', value };
  return reject('invalid_shape', `envelope.${key} must be an object or null, got ${describeValue(value)}`);
};

const readSource = (value: unknown): Read<SourceInfo> => {
  if (!isRecord(value)) return reject('invalid_shape', `envelope.source must be an object, got ${describeValue(value)}`);
  const s = createShapeReader(value, 'source');
  const source: SourceInfo = {
    version: s.string('version'),
    connector: s.string('connector'),
    name: s.string('name'),
    ts_ms: s.integer('ts_ms'),
    snapshot: s.nullableOneOf('snapshot', snapshotMarkers),
    db: s.string('db'),
    sequence: s.nullableString('sequence'),
    ts_us: s.nullableInteger('ts_us'),
    ts_ns: nanos(value['ts_ns']),
    schema: s.string('schema'),
    table: s.string('table'),
    txId: s.nullableInteger('txId'),
    lsn: s.nullableInteger('lsn'),
    xmin: s.nullableInteger('xmin'),
  };
  const problem = s.problem();
  return problem === undefined ? { kind: 'ok', value: source } : reject('invalid_shape', problem);
};

const readTransaction = (value: unknown): Read<TransactionBlock | null> => {
  if (isNullish(value)) return { kind: 'ok', value: null };
  if (!isRecord(value)) {
    return reject('invalid_shape', `envelope.transaction must be an object or null, got ${describeValue(value)}`);
  }
  const t = createShapeReader(value, 'transaction');
  const id = t.string('id');
  const block: TransactionBlock = { id, total_order: t.integer('total_order'), data_collection_order: t.integer('data_collection_order') };
  const problem = t.problem();
  return problem === undefined ? { kind: 'ok', value: block } : reject('invalid_shape', problem);
};

/** ts_ns is informational and beyond 2^53: keep any finite number, rounded as parsed. */
const nanos = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
