import { partitionOfKey } from './key-partition.js';
import { partitionBatches } from './partition-batches.js';

describe('outputs grouped one partition per request', () => {
  it('places keyed records as the default partitioner would, keeps explicit partitions and the order within each', () => {
    const outputs = [
      { topic: 'p', key: 'a', value: Buffer.from('1') },
      { topic: 'p', key: 'b', value: Buffer.from('2') },
      { topic: 'c', key: 'x', value: null, partition: 2 },
      { topic: 'p', key: 'a', value: Buffer.from('3') },
      { topic: 'd', key: null, value: Buffer.from('4') },
    ];
    const batches = partitionBatches(outputs, () => 3);
    const a = partitionOfKey('a', 3);
    const b = partitionOfKey('b', 3);
    const flat = batches.map((g) => g.map((r) => `${r.topic}/${r.partition}:${r.value?.toString() ?? '-'}`));
    expect(flat).toContainEqual(a === b ? [`p/${a}:1`, `p/${a}:2`, `p/${a}:3`] : [`p/${a}:1`, `p/${a}:3`]);
    expect(flat).toContainEqual(['c/2:-']);
    expect(flat).toContainEqual(['d/0:4']);
    for (const group of batches) expect(new Set(group.map((r) => `${r.topic}/${r.partition}`)).size).toBe(1);
    expect(batches.flat()).toHaveLength(outputs.length);
  });
});
