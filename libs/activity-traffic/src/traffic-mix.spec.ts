import { formatTrafficMix, parseTrafficMix } from './traffic-mix.js';

describe('parseTrafficMix', () => {
  it('reads weights, leaving out ops at 0', () => {
    expect(parseTrafficMix('insert=80, update=15,delete=5')).toEqual({ kind: 'ok', mix: { insert: 80, update: 15, delete: 5 } });
    expect(parseTrafficMix('insert=1')).toEqual({ kind: 'ok', mix: { insert: 1, update: 0, delete: 0 } });
    expect(formatTrafficMix({ insert: 80, update: 15, delete: 5 })).toBe('insert=80,update=15,delete=5');
  });

  it.each([
    ['upsert=5', /op one of insert, update, delete/],
    ['insert=-1', /must be a number >= 0/],
    ['insert=x', /must be a number >= 0/],
    ['update=10', /insert must weigh more than 0/],
    ['insert', /op=weight/],
  ])('refuses %s', (text, message) => {
    const result = parseTrafficMix(text);
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.detail).toMatch(message);
  });
});
