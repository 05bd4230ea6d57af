import { deadLetter } from './dead-letter-record.js';

describe('deadLetter', () => {
  it('keeps the original key, value and headers and adds where and why', () => {
    const input = {
      topic: 'in',
      partition: 2,
      offset: 41n,
      key: Buffer.from('k'),
      value: Buffer.from('v'),
      headers: { trace: Buffer.from('t') },
      timestamp: 0,
    };
    const out = deadLetter('dlq', input, 'not_json', 'x'.repeat(2_000), Date.UTC(2024, 0, 1));
    expect(out).toMatchObject({ topic: 'dlq', key: input.key, value: input.value });
    expect(out.headers).toMatchObject({
      trace: input.headers.trace,
      'dlq.reason': 'not_json',
      'dlq.source.topic': 'in',
      'dlq.source.partition': '2',
      'dlq.source.offset': '41',
      'dlq.time': '2024-01-01T00:00:00.000Z',
    });
    expect(String(out.headers!['dlq.detail'])).toHaveLength(1_000);
  });
});
