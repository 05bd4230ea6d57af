import { isFencingError, KafkaIoError } from './kafka-io-error.js';
import { toInputRecord } from './kafka-records.js';

describe('kafka records and errors', () => {
  it('flattens headers to their first value and offsets to bigint', () => {
    const r = toInputRecord('t', 1, {
      key: null,
      value: Buffer.from('v'),
      offset: '42',
      timestamp: '1700000000000',
      attributes: 0,
      headers: { a: [Buffer.from('x'), Buffer.from('y')], b: Buffer.from('z') },
    });
    expect(r).toEqual({
      topic: 't',
      partition: 1,
      offset: 42n,
      key: null,
      value: Buffer.from('v'),
      headers: { a: Buffer.from('x'), b: Buffer.from('z') },
      timestamp: 1_700_000_000_000,
    });
  });

  it('gives records without headers an empty, shared, frozen headers object', () => {
    const bare = { key: null, value: null, offset: '1', timestamp: '1', attributes: 0 };
    // a record batch entry with no headers, and an old message-set entry, which has none at all
    const [a, b] = [toInputRecord('t', 0, { ...bare, headers: {} }), toInputRecord('t', 0, { ...bare, size: 0 })];
    expect(a.headers).toEqual({});
    expect(a.headers).toBe(b.headers);
    expect(Object.isFrozen(a.headers)).toBe(true);
  });

  it('recognises fencing, directly or as a cause, and nothing else', () => {
    expect(isFencingError({ type: 'INVALID_PRODUCER_EPOCH' })).toBe(true);
    expect(isFencingError({ originalError: { type: 'PRODUCER_FENCED' } })).toBe(true);
    expect(isFencingError({ type: 'REQUEST_TIMED_OUT' })).toBe(false);
    expect(isFencingError(undefined)).toBe(false);
    expect(new KafkaIoError('fenced', 'x', { retriable: false }).retriable).toBe(false);
  });
});
