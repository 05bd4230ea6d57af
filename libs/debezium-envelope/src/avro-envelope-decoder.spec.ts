import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeAvroEnvelope } from './avro-envelope-decoder.js';
import type { AvroSchemaLookup, AvroWriterSchema } from './avro-writer-schema.js';
import { createAvroWriterSchema } from './avro-writer-schema.js';
import { decodeJsonEnvelope } from './json-envelope-decoder.js';

const fixtures = join(__dirname, 'fixtures');
const envelopeSchema = JSON.parse(readFileSync(join(fixtures, 'avro', 'employee_activities.envelope.avsc'), 'utf8')) as unknown;

const writerOf = (schema: unknown): AvroWriterSchema => {
  const result = createAvroWriterSchema(schema);
  if (result.kind !== 'ok') throw new Error(result.detail);
  return result.writer;
};

const SCHEMA_ID = 41;
const writer = writerOf(envelopeSchema);
const lookup: AvroSchemaLookup = (id) => (id === SCHEMA_ID ? writer : undefined);

/** What the AvroConverter writes after the registry frame: the Avro datum. */
const framed = (payload: unknown, schemaId = SCHEMA_ID) => ({ schemaId, body: writer.type.toBuffer(payload) });

const activityPayloads = readdirSync(join(fixtures, 'json'))
  .filter((name) => name.startsWith('activity-') && name !== 'activity-tombstone.json')
  .map((name) => ({ name, payload: (JSON.parse(readFileSync(join(fixtures, 'json', name), 'utf8')) as { value: Record<string, unknown> }).value }));

describe('decodeAvroEnvelope', () => {
  it.each(activityPayloads)('decodes $name to the same event as the JSON form', ({ payload }) => {
    const fromJson = decodeJsonEnvelope(JSON.stringify(payload));
    const fromAvro = decodeAvroEnvelope(framed(payload), lookup);
    if (fromJson.kind !== 'event') throw new Error('fixture does not decode');
    expect(fromAvro).toEqual({ kind: 'event', form: 'avro', event: { ...fromJson.event, columns: writer.columns } });
  });

  it('keeps the Connect semantics that avsc drops from primitive types', () => {
    expect(writer.columns).toEqual([
      { field: 'id', type: 'int32', optional: false, default: 0 },
      { field: 'employee_id', type: 'int32', optional: true },
      { field: 'activity_type', type: 'string', optional: false },
      { field: 'page_url', type: 'string', optional: true },
      { field: 'duration_seconds', type: 'int32', optional: true },
      { field: 'ip_address', type: 'string', optional: true },
      { field: 'user_agent', type: 'string', optional: true },
      { field: 'activity_timestamp', type: 'int64', optional: true, name: 'io.debezium.time.MicroTimestamp', version: 1 },
    ]);
  });

  it('reads nanosecond timestamps beyond 2^53 (rounded, as JSON does) instead of failing', () => {
    const payload = activityPayloads[0]?.payload as Record<string, unknown>;
    const nanos = Number(1705313100612457417n);
    const result = decodeAvroEnvelope(framed({ ...payload, ts_ns: nanos }), lookup);
    expect(result).toMatchObject({ kind: 'event', event: { ts_ns: nanos } });
  });

  describe('malformed input', () => {
    const valid = framed(activityPayloads[0]?.payload).body;

    it.each([
      ['not_avro', 'an empty datum', { schemaId: SCHEMA_ID, body: Buffer.alloc(0) }],
      ['not_avro', 'JSON bytes', { schemaId: SCHEMA_ID, body: Buffer.from('{"op":"c"}') }],
      ['not_avro', 'a truncated datum', { schemaId: SCHEMA_ID, body: valid.subarray(0, valid.length - 3) }],
      ['not_avro', 'trailing bytes', { schemaId: SCHEMA_ID, body: Buffer.concat([valid, Buffer.from([0])]) }],
      ['unknown_schema_id', 'an unknown schema id', { schemaId: 99, body: valid }],
    ])('rejects %s: %s', (reason, _, datum) => {
      expect(decodeAvroEnvelope(datum, lookup)).toMatchObject({ kind: 'invalid', reason });
    });

    it('rejects a datum that is Avro but not an envelope', () => {
      const other = writerOf({ type: 'record', name: 'Other', fields: [{ name: 'op', type: 'string' }] });
      const datum = { schemaId: 7, body: other.type.toBuffer({ op: 'c' }) };
      expect(decodeAvroEnvelope(datum, (id) => (id === 7 ? other : undefined))).toMatchObject({ kind: 'invalid', reason: 'invalid_shape' });
    });
  });
});

describe('createAvroWriterSchema', () => {
  it('reports a schema avsc cannot parse', () => {
    expect(createAvroWriterSchema({ type: 'record', fields: 'none' })).toMatchObject({ kind: 'invalid' });
  });

  it('has no columns for a schema that is not an envelope', () => {
    expect(writerOf('string').columns).toBeNull();
  });

  it('maps Connect types written as connect.type (int16) and unions with null as optional', () => {
    const schema = {
      type: 'record',
      name: 'Envelope',
      fields: [
        {
          name: 'after',
          type: ['null', { type: 'record', name: 'Value', fields: [{ name: 'n', type: ['null', { type: 'int', 'connect.type': 'int16' }] }] }],
        },
      ],
    };
    expect(writerOf(schema).columns).toEqual([{ field: 'n', type: 'int16', optional: true }]);
  });
});
