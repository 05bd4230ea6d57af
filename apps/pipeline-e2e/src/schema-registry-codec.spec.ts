import { randomBytes } from 'node:crypto';
import avro from 'avsc';
import { createSchemaRegistryCodec } from '@eap/kafka-io';
import { describeOnStack } from '@eap/testing';

describeOnStack('schema registry codec (kafka-io) on the stack registry', (stack) => {
  const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });
  const subject = `t-codec-${randomBytes(3).toString('hex')}-value`;
  const v1 = { type: 'record', name: 'Thing', namespace: 'test', fields: [{ name: 'n', type: 'int' }] };
  const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] };

  it('encodes with framing, decodes via the registry, and old data reads with the new schema', async () => {
    const enc1 = await codec.registerEncoder(subject, v1);
    const bytes = enc1.encode({ n: 7 });
    expect(bytes.readUInt8(0)).toBe(0);
    expect(bytes.readInt32BE(1)).toBe(enc1.schemaId);
    expect(await codec.decode(bytes)).toEqual({ kind: 'ok', schemaId: enc1.schemaId, value: expect.objectContaining({ n: 7 }) });
    const enc2 = await codec.registerEncoder(subject, v2); // BACKWARD: an optional field may be added
    expect(enc2.schemaId).not.toBe(enc1.schemaId);
    const asV2 = await codec.decode(bytes, avro.Type.forSchema(v2 as avro.Schema));
    expect(asV2).toMatchObject({ kind: 'ok', value: { n: 7, note: null } });
  });

  it('rejects an incompatible change at registration', async () => {
    const bad = { ...v1, fields: [{ name: 'n', type: 'string' }] };
    await expect(codec.registerEncoder(subject, bad)).rejects.toThrow(/Incompatible/);
  });

  it('types bad bytes instead of throwing', async () => {
    expect(await codec.decode(Buffer.from('{"json":true}'))).toMatchObject({ kind: 'invalid', reason: 'not_avro' });
    const unknown = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2]);
    expect(await codec.decode(unknown)).toMatchObject({ kind: 'invalid', reason: 'unknown_schema_id' });
  });
});
