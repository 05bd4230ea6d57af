import { readRegistryFrame, writeRegistryFrame } from './registry-frame.js';

describe('registry frame', () => {
  it('reads back what it writes: the schema id and the body', () => {
    const framed = writeRegistryFrame(42, Buffer.from([1, 2, 3]));
    expect([...framed]).toEqual([0, 0, 0, 0, 42, 1, 2, 3]);
    expect(readRegistryFrame(framed)).toEqual({ kind: 'framed', schemaId: 42, body: Buffer.from([1, 2, 3]) });
  });

  it('reads ids above 2^31 unsigned, and an empty body as framed', () => {
    expect(readRegistryFrame(writeRegistryFrame(0x80000001, Buffer.alloc(0)))).toEqual({ kind: 'framed', schemaId: 0x80000001, body: Buffer.alloc(0) });
  });

  it('takes a Uint8Array view at an offset of a larger buffer', () => {
    const backing = new Uint8Array([9, 9, 0, 0, 0, 0, 7, 5]);
    expect(readRegistryFrame(backing.subarray(2))).toEqual({ kind: 'framed', schemaId: 7, body: Buffer.from([5]) });
  });

  it.each([
    ['JSON', Buffer.from('{"payload":{}}')],
    ['too short for the header', Buffer.from([0, 0, 0, 1])],
    ['empty', Buffer.alloc(0)],
    ['another magic byte', Buffer.from([1, 0, 0, 0, 1, 2])],
  ])('%s is unframed', (_what, value) => {
    expect(readRegistryFrame(value)).toEqual({ kind: 'unframed' });
  });
});
