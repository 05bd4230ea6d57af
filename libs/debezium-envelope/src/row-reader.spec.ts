import type { RowSchema } from './row-schema.js';
import { createRowReader } from './row-reader.js';
import { EPOCH_DATE, MILLI_TIMESTAMP } from './temporal-value.js';

describe('createRowReader', () => {
  it('reads typed columns, with null nullable columns as null', () => {
    const reader = createRowReader({ id: 3, name: 'Ana', note: null, at: 1705311012345678 }, null);
    const row = {
      id: reader.int('id'),
      name: reader.string('name'),
      note: reader.nullableString('note'),
      at: reader.timestamp('at'),
    };
    expect(reader.result(row)).toEqual({ kind: 'ok', row: { id: 3, name: 'Ana', note: null, at: 1705311012345678 } });
  });

  // A column dropped or renamed in the table is absent from the writer's schema: read as NULL, a
  // duration would quietly stop counting. It is refused instead, required or nullable.
  it('refuses a column the row does not have, nullable ones included, naming it', () => {
    for (const read of [
      (r: ReturnType<typeof createRowReader>) => r.nullableInt('duration'),
      (r: ReturnType<typeof createRowReader>) => r.nullableString('duration'),
      (r: ReturnType<typeof createRowReader>) => r.nullableTimestamp('duration'),
      (r: ReturnType<typeof createRowReader>) => r.nullableDate('duration'),
      (r: ReturnType<typeof createRowReader>) => r.int('duration'),
    ]) {
      const reader = createRowReader({ id: 3, seconds: 5 }, null, 'after');
      expect(reader.result([reader.int('id'), read(reader)])).toEqual({
        kind: 'invalid',
        reason: 'invalid_field',
        detail: 'after.duration is not in the row: the table has no such column (dropped or renamed?)',
      });
    }
    const explicit = createRowReader({ id: 3, duration: undefined }, null);
    expect(explicit.result(explicit.nullableInt('duration'))).toEqual({ kind: 'ok', row: null });
  });

  it('reads an absent column as NULL where the caller says absence is NULL (a column only carried along), a present one as usual', () => {
    const reader = createRowReader({ id: 3, agent: 'curl' }, null, 'after');
    const row = [
      reader.nullableString('url', 'null'),
      reader.nullableInt('n', 'null'),
      reader.nullableTimestamp('at', 'null'),
      reader.nullableDate('d', 'null'),
      reader.nullableString('agent', 'null'),
    ];
    expect(reader.result(row)).toEqual({ kind: 'ok', row: [null, null, null, null, 'curl'] });
    const wrong = createRowReader({ url: 5 }, null, 'after');
    expect(wrong.result(wrong.nullableString('url', 'null'))).toMatchObject({ kind: 'invalid', detail: 'after.url must be a string, got 5' });
  });

  it('accepts the 32-bit integer range and nothing beyond', () => {
    const reader = createRowReader({ low: -2147483648, high: 2147483647 }, null);
    expect(reader.result([reader.int('low'), reader.int('high')])).toEqual({ kind: 'ok', row: [-2147483648, 2147483647] });
    const over = createRowReader({ n: 2147483648 }, null);
    over.int('n');
    expect(over.result(null)).toMatchObject({ kind: 'invalid', reason: 'invalid_field' });
  });

  it('uses the column schema to read temporal columns', () => {
    const columns: RowSchema = [
      { field: 'at', type: 'int64', optional: false, name: MILLI_TIMESTAMP },
      { field: 'day', type: 'int32', optional: true, name: EPOCH_DATE },
    ];
    const reader = createRowReader({ at: 1705311012345, day: 19737 }, columns);
    expect(reader.result([reader.timestamp('at'), reader.nullableDate('day')])).toEqual({ kind: 'ok', row: [1705311012345000, 19737] });
  });

  it('reads the 0 that JsonConverter writes for NULL, under a schema default of 0, as NULL', () => {
    const column = { field: 'at', type: 'int64', optional: true, name: 'io.debezium.time.MicroTimestamp', default: 0 } as const;
    const withPlaceholder = createRowReader({ at: 0 }, [column]);
    expect(withPlaceholder.result(withPlaceholder.nullableTimestamp('at'))).toEqual({ kind: 'ok', row: null });
    const real = createRowReader({ at: 1 }, [column]);
    expect(real.result(real.nullableTimestamp('at'))).toEqual({ kind: 'ok', row: 1 });
    const noDefault = createRowReader({ at: 0 }, [{ ...column, default: undefined }]);
    expect(noDefault.result(noDefault.nullableTimestamp('at'))).toEqual({ kind: 'ok', row: 0 });
    const schemaless = createRowReader({ at: 0 }, null);
    expect(schemaless.result(schemaless.nullableTimestamp('at'))).toEqual({ kind: 'ok', row: 0 });
  });

  it('reports the first column with a wrong type as invalid_field', () => {
    const reader = createRowReader({ id: '3', at: 'soon', name: 7 }, null, 'after');
    reader.int('id');
    reader.timestamp('at');
    reader.string('name');
    expect(reader.result({})).toEqual({ kind: 'invalid', reason: 'invalid_field', detail: 'after.id must be a 32-bit integer, got "3"' });
  });

  it.each([
    ['a missing required column', {}, (r: ReturnType<typeof createRowReader>) => r.string('name')],
    ['a float for an integer', { n: 1.5 }, (r: ReturnType<typeof createRowReader>) => r.nullableInt('n')],
    ['a string timestamp that is not ISO', { at: 'yesterday' }, (r: ReturnType<typeof createRowReader>) => r.nullableTimestamp('at')],
    ['a non-integer date', { day: 1.5 }, (r: ReturnType<typeof createRowReader>) => r.nullableDate('day')],
  ])('rejects %s', (_, image, read) => {
    const reader = createRowReader(image, null);
    read(reader);
    expect(reader.result(null)).toMatchObject({ kind: 'invalid', reason: 'invalid_field' });
  });
});
