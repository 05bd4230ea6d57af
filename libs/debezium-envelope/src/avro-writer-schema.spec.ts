import { avroTypeWithWideLongs } from './avro-writer-schema.js';

const type = avroTypeWithWideLongs({
  type: 'record',
  name: 'R',
  fields: [
    { name: 'a', type: 'long' },
    { name: 'b', type: ['null', 'long'] },
    { name: 's', type: 'string' },
  ],
});

/** The varint of a zigzag long, written with BigInt so that every int64 is exact. */
const varint = (n: bigint): number[] => {
  let z = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
  const out: number[] = [];
  do {
    const low = Number(z & 0x7fn);
    z >>= 7n;
    out.push(z > 0n ? low | 0x80 : low);
  } while (z > 0n);
  return out;
};
const datum = (a: bigint, b: bigint) => Buffer.from([...varint(a), 2, ...varint(b), 2, 0x78]);

describe('wide longs', () => {
  it('reads every long as the nearest number, exactly below 2^53, with its sign', () => {
    const values = [
      0n,
      1n,
      -1n,
      63n,
      -64n,
      2n ** 31n,
      -(2n ** 31n) - 1n,
      2n ** 52n - 1n,
      -(2n ** 52n),
      2n ** 52n,
      2n ** 53n - 1n,
      -(2n ** 53n) + 1n,
      2n ** 53n + 1n,
    ];
    values.push(1_796_000_000_123_456_789n, -1_796_000_000_123_456_789n, 2n ** 63n - 1n, -(2n ** 63n));
    for (const v of values) {
      const other = v === -(2n ** 63n) ? 0n : -v; // -(-2^63) is no int64
      const decoded = type.fromBuffer(datum(v, other)) as { a: number; b: number; s: string };
      expect([decoded.a, decoded.b, decoded.s]).toEqual([Number(v), Number(other), 'x']);
    }
  });

  it('reads Debezium’s ts_ns beyond 2^53 and the fields after it', () => {
    const tsNs = 1_765_000_000_123_456_789n;
    expect({ ...(type.fromBuffer(datum(tsNs, 42n)) as object) }).toEqual({ a: Number(tsNs), b: 42, s: 'x' });
  });

  it('writes what it reads', () => {
    const value = { a: Number(2n ** 60n), b: -5, s: 'x' };
    expect({ ...(type.fromBuffer(type.toBuffer(value)) as object) }).toEqual(value);
  });
});
