import type { InputRecord } from '@eap/kafka-io';
import { deadLetterJson, matchesDeadLetterFilter, readDeadLetter } from './dead-letter-entry.js';

const record = (value: Buffer, headers: Record<string, string>, offset = 3n): InputRecord => ({
  topic: 'dlq',
  partition: 1,
  offset,
  key: Buffer.from('7'),
  value,
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
  timestamp: 5_000,
});
const headers = {
  'dlq.reason': 'late',
  'dlq.source.topic': 'processed',
  'dlq.source.partition': '2',
  'dlq.source.offset': '40',
  'dlq.time': '2026-12-02T10:00:00.000Z',
};

describe('deadLetterJson', () => {
  it('gives JSON text as text and an Avro value as base64, headers as text', () => {
    const json = deadLetterJson(readDeadLetter(record(Buffer.from('{"payload":{"op":"c"}}\n'), headers)));
    expect(json).toMatchObject({ id: '1@3', key: '7', value: { text: '{"payload":{"op":"c"}}\n' }, time: '2026-12-02T10:00:00.000Z' });
    expect(json.headers['dlq.reason']).toBe('late');
    const avro = deadLetterJson(readDeadLetter(record(Buffer.from([0, 0, 0, 0, 1, 4, 43, 0xff]), headers)));
    expect(avro.value).toEqual({ base64: Buffer.from([0, 0, 0, 0, 1, 4, 43, 0xff]).toString('base64') });
  });
});

describe('matchesDeadLetterFilter', () => {
  const e = readDeadLetter(record(Buffer.from('x'), headers));
  it.each([
    [{}, true],
    [{ reasons: ['late', 'too_large'] }, true],
    [{ reasons: ['too_large'] }, false],
    [{ since: Date.parse('2026-12-02T10:00:00Z') }, true],
    [{ until: Date.parse('2026-12-02T10:00:00Z') }, false],
    [{ sourceTopic: 'processed', sourcePartition: 2, sourceOffset: 40n }, true],
    [{ sourceTopic: 'processed', sourcePartition: 1 }, false],
    [{ ids: ['1@3'] }, true],
    [{ ids: ['0@3'] }, false],
  ])('%p -> %p', (filter, expected) => expect(matchesDeadLetterFilter(e, filter)).toBe(expected));
});
