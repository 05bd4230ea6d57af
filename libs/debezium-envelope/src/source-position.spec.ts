import type { SourcePosition } from './source-position.js';
import { comparePositions, formatPosition, readSourcePosition } from './source-position.js';

const at = (commitLsn: bigint | null, eventLsn: bigint): SourcePosition => ({ commitLsn, eventLsn });

describe('readSourcePosition', () => {
  it('reads commit and event LSN from source.sequence', () => {
    expect(readSourcePosition('["24099896","24100512"]', 24100512)).toEqual({ kind: 'ok', position: at(24099896n, 24100512n) });
  });

  it('keeps a null commit LSN (no commit seen yet, and snapshot reads)', () => {
    expect(readSourcePosition('[null,"24023128"]', 24023128)).toEqual({ kind: 'ok', position: at(null, 24023128n) });
  });

  it('reads LSNs beyond 2^53 exactly', () => {
    const result = readSourcePosition('["18446744073709551614","18446744073709551615"]', null);
    expect(result).toEqual({ kind: 'ok', position: at(18446744073709551614n, 18446744073709551615n) });
  });

  it('falls back to source.lsn when there is no sequence', () => {
    expect(readSourcePosition(null, 42)).toEqual({ kind: 'ok', position: at(null, 42n) });
    expect(readSourcePosition('["7",null]', 42)).toEqual({ kind: 'ok', position: at(7n, 42n) });
  });

  it.each([
    ['not json', 'lsn-1'],
    ['wrong arity', '["1"]'],
    ['numbers instead of strings', '[1,2]'],
    ['negative', '["-1","2"]'],
    ['a hex LSN', '["0/16B3748","0/16B3760"]'],
  ])('rejects a sequence that is %s', (_, sequence) => {
    expect(readSourcePosition(sequence, 5)).toMatchObject({ kind: 'invalid', reason: 'invalid_shape' });
  });

  it('reads the sequence with spaces as JSON allows, as it reads Debezium’s own form', () => {
    expect(readSourcePosition('[ "7" , "8" ]', null)).toEqual(readSourcePosition('["7","8"]', null));
    expect(readSourcePosition('[null, "8"]', null)).toEqual({ kind: 'ok', position: at(null, 8n) });
  });

  it('rejects an event with no position at all', () => {
    expect(readSourcePosition(null, null)).toMatchObject({ kind: 'invalid', reason: 'invalid_shape' });
    expect(readSourcePosition('[null,null]', null)).toMatchObject({ kind: 'invalid', reason: 'invalid_shape' });
  });
});

describe('comparePositions', () => {
  it('orders by commit LSN first: a later transaction may hold lower event LSNs', () => {
    expect(comparePositions(at(200n, 150n), at(100n, 190n))).toBe(1);
    expect(comparePositions(at(100n, 190n), at(200n, 150n))).toBe(-1);
  });

  it('orders by event LSN within a transaction', () => {
    expect(comparePositions(at(100n, 150n), at(100n, 151n))).toBe(-1);
    expect(comparePositions(at(100n, 151n), at(100n, 151n))).toBe(0);
  });

  it('puts a null commit LSN before any commit', () => {
    expect(comparePositions(at(null, 999n), at(1n, 2n))).toBe(-1);
    expect(comparePositions(at(1n, 2n), at(null, 999n))).toBe(1);
    expect(comparePositions(at(null, 5n), at(null, 6n))).toBe(-1);
  });
});

describe('formatPosition', () => {
  it('prints commit/event', () => {
    expect(formatPosition(at(null, 5n))).toBe('null/5');
    expect(formatPosition(at(4n, 5n))).toBe('4/5');
  });
});
