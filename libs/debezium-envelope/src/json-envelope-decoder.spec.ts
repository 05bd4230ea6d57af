import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeEvent } from './change-event.js';
import type { EnvelopeDecodeResult } from './envelope-decode-result.js';
import { decodeJsonEnvelope } from './json-envelope-decoder.js';

/** The record value of a fixture (fixtures hold `{key, value}`), as the bytes' text. */
const fixture = (form: 'json' | 'json-with-schema', name: string): string =>
  JSON.stringify((JSON.parse(readFileSync(join(__dirname, 'fixtures', form, `${name}.json`), 'utf8')) as { value: unknown }).value);

const eventOf = (result: EnvelopeDecodeResult): ChangeEvent => {
  if (result.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
};

const without = (object: Record<string, unknown>, ...keys: string[]): Record<string, unknown> =>
  Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));

const payloadOf = (name: string): Record<string, unknown> => JSON.parse(fixture('json', name)) as Record<string, unknown>;

describe('decodeJsonEnvelope', () => {
  describe('JSON with the schema/payload wrapper', () => {
    it('decodes an insert with its row, source and column semantics', () => {
      const result = decodeJsonEnvelope(fixture('json-with-schema', 'activity-create'));
      expect(result).toMatchObject({ kind: 'event', form: 'json-with-schema' });
      const event = eventOf(result);
      expect(event).toMatchObject({
        op: 'c',
        before: null,
        after: { id: 1001, employee_id: 7, activity_type: 'page_view', duration_seconds: 45, activity_timestamp: 1705311012345678 },
        source: { connector: 'postgresql', db: 'streaming_db', schema: 'public', table: 'employee_activities', txId: 750, lsn: 24100512, snapshot: 'false' },
        position: { commitLsn: 24099896n, eventLsn: 24100512n },
        transaction: null,
      });
      expect(event.columns?.find((c) => c.field === 'activity_timestamp')).toEqual({
        field: 'activity_timestamp',
        type: 'int64',
        optional: true,
        name: 'io.debezium.time.MicroTimestamp',
        version: 1,
        default: 0,
      });
    });

    it('decodes an update with both images and the transaction block', () => {
      const event = eventOf(decodeJsonEnvelope(fixture('json-with-schema', 'activity-update-move')));
      expect(event.op).toBe('u');
      expect(event.before).toMatchObject({ employee_id: 7, activity_type: 'page_view' });
      expect(event.after).toMatchObject({ employee_id: 9, activity_type: 'click' });
      expect(event.transaction).toEqual({ id: '752:24101424', total_order: 1, data_collection_order: 1 });
    });

    it('decodes a delete with its before image', () => {
      const event = eventOf(decodeJsonEnvelope(fixture('json-with-schema', 'activity-delete')));
      expect(event).toMatchObject({ op: 'd', after: null, before: { id: 1002, ip_address: '2001:db8:85a3::8a2e:370:7334' } });
    });

    it('decodes a truncate', () => {
      const event = eventOf(decodeJsonEnvelope(fixture('json-with-schema', 'activity-truncate')));
      expect(event).toMatchObject({ op: 't', before: null, after: null, source: { txId: 760 } });
    });

    it('decodes a snapshot read with its marker and the snapshot LSN', () => {
      const event = eventOf(decodeJsonEnvelope(fixture('json-with-schema', 'employee-snapshot-read')));
      expect(event).toMatchObject({ op: 'r', source: { snapshot: 'first' }, position: { commitLsn: null, eventLsn: 24023128n } });
    });

    it('treats a null payload as a tombstone', () => {
      expect(decodeJsonEnvelope('{"schema":null,"payload":null}')).toEqual({ kind: 'tombstone' });
    });

    it('rejects a wrapper whose schema has no row struct', () => {
      const wrapped = { schema: { type: 'struct', fields: [] }, payload: payloadOf('activity-create') };
      expect(decodeJsonEnvelope(JSON.stringify(wrapped))).toMatchObject({ kind: 'invalid', reason: 'invalid_shape' });
    });

    it('rejects a wrapper whose schema columns are not Connect fields', () => {
      const schema = { type: 'struct', fields: [{ field: 'after', type: 'struct', fields: [{ field: 'id', type: 'uuid', optional: false }] }] };
      expect(decodeJsonEnvelope(JSON.stringify({ schema, payload: payloadOf('activity-create') }))).toMatchObject({
        kind: 'invalid',
        reason: 'invalid_shape',
      });
    });
  });

  describe('JSON without the wrapper', () => {
    it('decodes the bare envelope, without column semantics', () => {
      const result = decodeJsonEnvelope(fixture('json', 'activity-create-ipv6-null-duration'));
      expect(result).toMatchObject({ kind: 'event', form: 'json' });
      expect(eventOf(result)).toMatchObject({ columns: null, after: { duration_seconds: null, page_url: null } });
    });

    it('accepts absent optional fields (before, transaction, ts_*, snapshot)', () => {
      const payload = without(payloadOf('activity-create'), 'before', 'transaction', 'ts_us', 'ts_ns');
      const source = without(payload['source'] as Record<string, unknown>, 'snapshot');
      const event = eventOf(decodeJsonEnvelope(JSON.stringify({ ...payload, source })));
      expect(event).toMatchObject({ before: null, transaction: null, ts_us: null, ts_ns: null, source: { snapshot: null } });
    });
  });

  it('treats a null value and a JSON null as tombstones', () => {
    expect(decodeJsonEnvelope(null)).toEqual({ kind: 'tombstone' });
    expect(decodeJsonEnvelope(fixture('json', 'activity-tombstone'))).toEqual({ kind: 'tombstone' });
  });

  describe('malformed input', () => {
    const withPayload = (change: (p: Record<string, unknown>) => Record<string, unknown>) => JSON.stringify(change(payloadOf('activity-update-move')));
    const withSource = (change: (s: Record<string, unknown>) => Record<string, unknown>) =>
      withPayload((p) => ({ ...p, source: change(p['source'] as Record<string, unknown>) }));

    it.each([
      ['not_json', 'text that is not JSON', 'hello, world'],
      ['not_json', 'truncated JSON', fixture('json', 'activity-create').slice(0, 200)],
      ['invalid_shape', 'a JSON array', '[1,2,3]'],
      ['invalid_shape', 'a JSON string', '"c"'],
      ['invalid_shape', 'a missing op', withPayload((p) => without(p, 'op'))],
      ['invalid_shape', 'a numeric op', withPayload((p) => ({ ...p, op: 1 }))],
      ['unknown_op', 'an unknown op', withPayload((p) => ({ ...p, op: 'x' }))],
      ['unknown_op', 'an op in upper case', withPayload((p) => ({ ...p, op: 'U' }))],
      ['invalid_shape', 'a missing source', withPayload((p) => without(p, 'source'))],
      ['invalid_shape', 'a source without table', withSource((s) => without(s, 'table'))],
      ['invalid_shape', 'a string ts_ms in source', withSource((s) => ({ ...s, ts_ms: '1705313100300' }))],
      ['invalid_shape', 'a fractional lsn', withSource((s) => ({ ...s, lsn: 1.5 }))],
      ['invalid_shape', 'an unknown snapshot marker', withSource((s) => ({ ...s, snapshot: 'maybe' }))],
      ['invalid_shape', 'a garbled sequence', withSource((s) => ({ ...s, sequence: '[oops' }))],
      ['invalid_shape', 'no position', withSource((s) => ({ ...s, sequence: null, lsn: null }))],
      ['invalid_shape', 'an array as after', withPayload((p) => ({ ...p, after: [1] }))],
      ['invalid_shape', 'an update without after', withPayload((p) => ({ ...p, after: null }))],
      ['invalid_shape', 'a delete without before', withPayload((p) => ({ ...p, op: 'd', before: null }))],
      ['invalid_shape', 'a create without after', withPayload((p) => ({ ...p, op: 'c', after: null }))],
      ['invalid_shape', 'a string ts_ms', withPayload((p) => ({ ...p, ts_ms: 'now' }))],
      ['invalid_shape', 'a transaction without id', withPayload((p) => ({ ...p, transaction: { total_order: 1, data_collection_order: 1 } }))],
    ])('rejects %s: %s', (reason, _, value) => {
      const result = decodeJsonEnvelope(value);
      expect(result).toMatchObject({ kind: 'invalid', reason });
      expect(result.kind === 'invalid' && result.detail.length > 0).toBe(true);
    });

    it('rejects bytes that are not UTF-8 as not_json', () => {
      expect(decodeJsonEnvelope(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]))).toMatchObject({ kind: 'invalid', reason: 'not_json' });
    });

    it('rejects a value over the size limit before parsing it', () => {
      const big = Buffer.alloc(1_048_577, 0x20);
      expect(decodeJsonEnvelope(big)).toMatchObject({ kind: 'invalid', reason: 'too_large' });
      expect(decodeJsonEnvelope(fixture('json', 'activity-create'), { maxBytes: 100 })).toMatchObject({ reason: 'too_large' });
    });

    it('names the offending field in the detail', () => {
      const result = decodeJsonEnvelope(withSource((s) => ({ ...s, txId: 'seven' })));
      expect(result).toEqual({ kind: 'invalid', reason: 'invalid_shape', detail: 'source.txId must be an integer, got "seven"' });
    });
  });
});
