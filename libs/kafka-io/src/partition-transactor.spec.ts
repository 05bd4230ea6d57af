import { produceChunks } from './partition-transactor.js';

const record = (bytes: number, topic = 't') => ({ topic, key: 'k', value: Buffer.alloc(bytes) });

describe('produceChunks', () => {
  it('keeps every record, in order, in runs under the request size', () => {
    const outputs = Array.from({ length: 5_000 }, (_, i) => ({ ...record(300, i % 2 ? 'a' : 'b'), key: String(i) }));
    const chunks = produceChunks(outputs);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.flat()).toEqual(outputs);
    for (const c of chunks) expect(c.reduce((n, r) => n + 64 + String(r.key).length + (r.value?.length ?? 0), 0)).toBeLessThanOrEqual(512 * 1024);
  });

  it('sends a record larger than a chunk on its own, and nothing for no records', () => {
    const big = record(3 * 1024 * 1024);
    expect(produceChunks([record(10), big, record(10)]).map((c) => c.length)).toEqual([1, 1, 1]);
    expect(produceChunks([])).toEqual([]);
  });
});
