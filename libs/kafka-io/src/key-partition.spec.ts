import { partitionOfKey } from './key-partition.js';

describe('partitionOfKey', () => {
  it.each([
    // murmur2 vectors from Kafka's UtilsTest (Java's Utils.murmur2), made positive as its partitioner does.
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['abc', 479470107],
  ])('puts %s where the Java client does', (key, murmur2) => {
    expect(partitionOfKey(key, 0x7fffffff)).toBe((murmur2 & 0x7fffffff) % 0x7fffffff);
    expect(partitionOfKey(key, 3)).toBe((murmur2 & 0x7fffffff) % 3);
  });
});
