import {
  CONNECT_TIMESTAMP,
  EPOCH_DATE,
  MICRO_TIMESTAMP,
  MILLI_TIMESTAMP,
  NANO_TIMESTAMP,
  ZONED_TIMESTAMP,
  formatEpochDay,
  formatMicros,
  parseIsoMicros,
  readEpochDay,
  readTimestampMicros,
} from './temporal-value.js';

const JAN_15_0930_MICROS = 1705311012345678; // 2024-01-15T09:30:12.345678 (wall clock, read as UTC)

describe('readTimestampMicros', () => {
  it('keeps MicroTimestamp microseconds exactly', () => {
    expect(readTimestampMicros(JAN_15_0930_MICROS, MICRO_TIMESTAMP)).toEqual({ kind: 'ok', value: JAN_15_0930_MICROS });
    expect(formatMicros(JAN_15_0930_MICROS)).toBe('2024-01-15T09:30:12.345678');
  });

  it('keeps timestamps before 1970', () => {
    expect(readTimestampMicros(-1, MICRO_TIMESTAMP)).toEqual({ kind: 'ok', value: -1 });
    expect(formatMicros(-1)).toBe('1969-12-31T23:59:59.999999');
  });

  it('scales millisecond timestamps (Debezium and Connect) to micros', () => {
    expect(readTimestampMicros(1705311012345, MILLI_TIMESTAMP)).toEqual({ kind: 'ok', value: 1705311012345000 });
    expect(readTimestampMicros(1705311012345, CONNECT_TIMESTAMP)).toEqual({ kind: 'ok', value: 1705311012345000 });
  });

  it('reads ZonedTimestamp strings as the instant they name', () => {
    expect(readTimestampMicros('2024-01-15T09:30:12.345678Z', ZONED_TIMESTAMP)).toEqual({ kind: 'ok', value: JAN_15_0930_MICROS });
  });

  it('without a schema, takes numbers as micros and strings as zoned timestamps', () => {
    expect(readTimestampMicros(JAN_15_0930_MICROS, undefined)).toEqual({ kind: 'ok', value: JAN_15_0930_MICROS });
    expect(readTimestampMicros('2024-01-15T09:30:12.345678Z', undefined)).toEqual({ kind: 'ok', value: JAN_15_0930_MICROS });
  });

  it.each([
    ['a string for MicroTimestamp', '1705311012345678', MICRO_TIMESTAMP],
    ['a fraction of a microsecond', 1.5, MICRO_TIMESTAMP],
    ['micros beyond 2^53', 2 ** 53 + 2, MICRO_TIMESTAMP],
    ['a boolean', true, undefined],
    ['a number for ZonedTimestamp', 5, ZONED_TIMESTAMP],
    ['NanoTimestamp (not exact in JSON)', 1705311012345678000, NANO_TIMESTAMP],
    ['a column that is not temporal', 5, 'io.debezium.data.Json'],
  ])('rejects %s', (_, raw, semantic) => {
    expect(readTimestampMicros(raw, semantic)).toMatchObject({ kind: 'invalid' });
  });
});

describe('parseIsoMicros', () => {
  it.each([
    ['2024-01-15T09:30:12Z', 1705311012000000],
    ['2024-01-15T09:30:12.3Z', 1705311012300000],
    ['2024-01-15T09:30:12.345678Z', 1705311012345678],
    ['2024-01-15T09:30:12.345678999Z', 1705311012345678],
    ['2024-01-15T10:30:12.345678+01:00', 1705311012345678],
    ['2024-01-15T04:00:12.345678-05:30', 1705311012345678],
    ['1969-12-31T23:59:59.999999Z', -1],
    ['0099-06-01T00:00:00Z', -59029948800000000],
  ])('%s', (text, micros) => {
    expect(parseIsoMicros(text)).toEqual({ kind: 'ok', value: micros });
  });

  it.each(['2024-02-30T00:00:00Z', '2024-01-15T24:00:00Z', '2024-01-15T09:60:00Z', '2024-01-15 09:30:00Z', '2024-01-15T09:30:00', 'yesterday'])(
    'rejects %s',
    (text) => {
      expect(parseIsoMicros(text)).toMatchObject({ kind: 'invalid' });
    },
  );
});

describe('readEpochDay', () => {
  it('reads io.debezium.time.Date days', () => {
    expect(readEpochDay(19737, EPOCH_DATE)).toEqual({ kind: 'ok', value: 19737 });
    expect(formatEpochDay(19737)).toBe('2024-01-15');
    expect(formatEpochDay(-1)).toBe('1969-12-31');
  });

  it('rejects non-integers and non-date columns', () => {
    expect(readEpochDay('2024-01-15', EPOCH_DATE)).toMatchObject({ kind: 'invalid' });
    expect(readEpochDay(19737, MICRO_TIMESTAMP)).toMatchObject({ kind: 'invalid' });
  });
});
