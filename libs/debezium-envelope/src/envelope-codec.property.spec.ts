import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { decodeAvroEnvelope } from './avro-envelope-decoder.js';
import { createAvroWriterSchema } from './avro-writer-schema.js';
import type { ChangeEvent, RowImage, SourceInfo } from './change-event.js';
import { snapshotMarkers } from './change-event.js';
import { decodeJsonEnvelope } from './json-envelope-decoder.js';
import { encodeJsonEnvelope } from './json-envelope-encoder.js';
import type { RowSchema } from './row-schema.js';

const SEED = 4_2024;

const columns: RowSchema = [
  { field: 'id', type: 'int32', optional: false, default: 0 },
  { field: 'label', type: 'string', optional: true },
  { field: 'at', type: 'int64', optional: true, name: 'io.debezium.time.MicroTimestamp', version: 1 },
];

const row: fc.Arbitrary<RowImage> = fc.record({
  id: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  label: fc.option(fc.string({ unit: 'grapheme' }), { nil: null }),
  at: fc.option(fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), { nil: null }),
});

const lsn = fc.bigInt({ min: 0n, max: 2n ** 53n - 1n });

const source: fc.Arbitrary<SourceInfo> = fc
  .record({
    name: fc.constantFrom('employee-server', 't-cdc_a2ef00'),
    ts_ms: fc.integer({ min: 0, max: 2 ** 43 }),
    snapshot: fc.constantFrom(null, ...snapshotMarkers),
    commit: fc.option(lsn, { nil: null }),
    event: lsn,
    txId: fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: null }),
  })
  .map(({ name, ts_ms, snapshot, commit, event, txId }) => ({
    version: '3.4.3.Final',
    connector: 'postgresql',
    name,
    ts_ms,
    snapshot,
    db: 'streaming_db',
    sequence: JSON.stringify([commit === null ? null : String(commit), String(event)]),
    ts_us: ts_ms * 1000,
    ts_ns: null,
    schema: 'public',
    table: 'employee_activities',
    txId,
    lsn: Number(event),
    xmin: null,
  }));

const changeEvent: fc.Arbitrary<ChangeEvent> = fc
  .record({ op: fc.constantFrom('c', 'u', 'd', 'r', 't'), before: row, after: row, source, ts_ms: fc.option(fc.nat(), { nil: null }) })
  .map(({ op, before, after, source, ts_ms }): ChangeEvent => {
    const [, commit, event] = /^\["?(\d+|null)"?,"(\d+)"\]$/.exec(source.sequence ?? '') ?? [];
    const common = {
      source,
      transaction: null,
      ts_ms,
      ts_us: null,
      ts_ns: null,
      position: { commitLsn: commit === 'null' || commit === undefined ? null : BigInt(commit), eventLsn: BigInt(event ?? 0) },
      columns: null,
    };
    switch (op) {
      case 'c':
      case 'r':
        return { ...common, op, before: null, after };
      case 'u':
        return { ...common, op, before, after };
      case 'd':
        return { ...common, op, before, after: null };
      default:
        return { ...common, op: 't', before: null, after: null };
    }
  });

describe('JSON envelope codec', () => {
  it('decodes what it encodes, in both JSON forms', () => {
    fc.assert(
      fc.property(changeEvent, (event) => {
        expect(decodeJsonEnvelope(encodeJsonEnvelope(event))).toEqual({ kind: 'event', form: 'json', event });
        expect(decodeJsonEnvelope(encodeJsonEnvelope(event, { columns }))).toEqual({
          kind: 'event',
          form: 'json-with-schema',
          event: { ...event, columns },
        });
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('decoders on hostile input', () => {
  const fixture = (JSON.parse(readFileSync(join(__dirname, 'fixtures', 'json', 'activity-update-move.json'), 'utf8')) as { value: Record<string, unknown> })
    .value;
  const kinds = ['event', 'tombstone', 'invalid'];

  /** The fixture with one envelope or source field replaced by arbitrary JSON. */
  const mutated = fc
    .record({
      inSource: fc.boolean(),
      key: fc.constantFrom('before', 'after', 'op', 'ts_ms', 'transaction', 'source', 'sequence', 'lsn', 'txId', 'snapshot', 'table'),
      value: fc.jsonValue(),
    })
    .map(({ inSource, key, value }) =>
      JSON.stringify(inSource ? { ...fixture, source: { ...(fixture['source'] as object), [key]: value } } : { ...fixture, [key]: value }),
    );

  it('never throw on arbitrary JSON, text or bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutated,
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string(),
          fc.uint8Array(),
        ),
        (input) => {
          expect(kinds).toContain(decodeJsonEnvelope(input).kind);
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('never throw on arbitrary Avro datums', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'avro', 'employee_activities.envelope.avsc'), 'utf8')) as unknown;
    const writer = createAvroWriterSchema(schema);
    if (writer.kind !== 'ok') throw new Error(writer.detail);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (body, known) => {
        expect(kinds).toContain(decodeAvroEnvelope({ schemaId: 1, body }, () => (known ? writer.writer : undefined)).kind);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
