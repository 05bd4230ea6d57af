import avro from 'avsc';
import { writeRegistryFrame } from './registry-frame.js';
import { createSchemaRegistryCodec } from './schema-registry-codec.js';

const v1 = { type: 'record', name: 'Row', fields: [{ name: 'n', type: 'int' }] };
const v2 = {
  type: 'record',
  name: 'Row',
  fields: [
    { name: 'n', type: 'int' },
    { name: 'label', type: ['null', 'string'], default: null },
  ],
};

/** A registry that knows id 1 (v1) and answers 503 once for id 2, counting its requests. */
const fakeRegistry = () => {
  const requests: string[] = [];
  let failNext = true;
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input);
    requests.push(url);
    if (url.endsWith('/schemas/ids/1')) return new Response(JSON.stringify({ schema: JSON.stringify(v1) }), { status: 200 });
    if (url.endsWith('/schemas/ids/2') && failNext) return ((failNext = false), new Response('busy', { status: 503 }));
    return new Response('{}', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
};
const row = (n: number) => writeRegistryFrame(1, avro.Type.forSchema(v1 as avro.Schema).toBuffer({ n }));

describe('schema registry codec', () => {
  it('prepares each id once for a whole batch, then decodes without a request', async () => {
    const registry = fakeRegistry();
    const codec = createSchemaRegistryCodec({ url: 'http://registry', fetch: registry.fetch });
    const batch = [row(1), null, Buffer.from('{"json":1}'), row(2), row(3)];
    await Promise.all([codec.prepare(batch), codec.prepare(batch)]);
    expect(registry.requests).toEqual(['http://registry/schemas/ids/1']);
    expect(batch.map((v) => v && codec.decodePrepared(v))).toEqual([
      { kind: 'ok', schemaId: 1, value: { n: 1 } },
      null,
      expect.objectContaining({ kind: 'invalid', reason: 'not_avro' }),
      { kind: 'ok', schemaId: 1, value: { n: 2 } },
      { kind: 'ok', schemaId: 1, value: { n: 3 } },
    ]);
    expect(codec.preparedSchema(1)).toEqual(v1);
  });

  it('resolves into a newer reader schema', async () => {
    const codec = createSchemaRegistryCodec({ url: 'http://registry', fetch: fakeRegistry().fetch });
    const decoded = await codec.decode(row(7), avro.Type.forSchema(v2 as avro.Schema));
    expect(decoded).toMatchObject({ kind: 'ok', value: { n: 7, label: null } });
  });

  it('remembers an unknown id, but not a failed request', async () => {
    const registry = fakeRegistry();
    const codec = createSchemaRegistryCodec({ url: 'http://registry', fetch: registry.fetch });
    const unknown = writeRegistryFrame(9, Buffer.from([2]));
    expect(await codec.decode(unknown)).toMatchObject({ kind: 'invalid', reason: 'unknown_schema_id' });
    expect(await codec.decode(unknown)).toMatchObject({ kind: 'invalid', reason: 'unknown_schema_id' });
    expect(registry.requests.filter((u) => u.endsWith('/9'))).toHaveLength(1);
    const second = writeRegistryFrame(2, Buffer.from([2]));
    await expect(codec.prepare([second])).rejects.toThrow('registry answered 503 for schema id 2');
    expect(await codec.decode(second)).toMatchObject({ kind: 'invalid', reason: 'unknown_schema_id' });
    expect(registry.requests.filter((u) => u.endsWith('/2'))).toHaveLength(2);
  });

  it('says invalid_avro for a body that is not a datum of its schema', async () => {
    const codec = createSchemaRegistryCodec({ url: 'http://registry', fetch: fakeRegistry().fetch });
    expect(await codec.decode(writeRegistryFrame(1, Buffer.from([2, 2, 2])))).toMatchObject({ kind: 'invalid', reason: 'invalid_avro' });
  });

  it('refuses to decode an id that was never prepared: a caller bug, not a bad record', () => {
    const codec = createSchemaRegistryCodec({ url: 'http://registry', fetch: fakeRegistry().fetch });
    expect(() => codec.decodePrepared(row(1))).toThrow('schema id 1 was not prepared');
  });

  it('says the registry did not answer, as a retriable connection error, when nothing listens', async () => {
    const refused = (async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }) as typeof globalThis.fetch;
    const codec = createSchemaRegistryCodec({ url: 'http://127.0.0.1:1', fetch: refused });
    await expect(codec.prepare([row(1)])).rejects.toMatchObject({
      kind: 'connection',
      code: 'not_reachable',
      retriable: true,
      message: 'the schema registry did not answer http://127.0.0.1:1 (ECONNREFUSED)',
    });
  });
});
