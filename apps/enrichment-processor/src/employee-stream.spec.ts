import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInputDecoder, createSchemaRegistryCodec, writeRegistryFrame, type InputRecord } from '@eap/kafka-io';
import { createAvroWriterSchema } from '@eap/debezium-envelope';
import { createEmployeeDirectory } from './employee-directory.js';
import { employeeEvents } from './employee-stream.js';

const fixtures = join(__dirname, '..', '..', '..', 'libs', 'debezium-envelope', 'src', 'fixtures');
const employeeCreate = (JSON.parse(readFileSync(join(fixtures, 'json', 'employee-create.json'), 'utf8')) as { value: Record<string, unknown> }).value;

/** What Debezium's Avro converter registers for the employees table: the activities envelope with the employees row. */
const employeesEnvelope = (() => {
  const schema = JSON.parse(readFileSync(join(fixtures, 'avro', 'employee_activities.envelope.avsc'), 'utf8')) as {
    namespace: string;
    fields: { name: string; type: unknown }[];
  };
  const value = (schema.fields[0]!.type as [string, { fields: unknown[]; 'connect.name': string }])[1];
  value.fields = [
    { name: 'id', type: { type: 'int', 'connect.default': 0 }, default: 0 },
    { name: 'name', type: 'string' },
    { name: 'email', type: ['null', 'string'], default: null },
    { name: 'department', type: ['null', 'string'], default: null },
    { name: 'created_at', type: ['null', { type: 'long', 'connect.version': 1, 'connect.name': 'io.debezium.time.MicroTimestamp' }], default: null },
  ];
  value['connect.name'] = 'employee_server.public.employees.Value';
  schema.namespace = 'employee_server.public.employees';
  return schema;
})();

const SCHEMA_ID = 12;
const registry = (async (url: string | URL | Request) =>
  String(url).endsWith(`/schemas/ids/${SCHEMA_ID}`)
    ? new Response(JSON.stringify({ schema: JSON.stringify(employeesEnvelope) }))
    : new Response('{}', { status: 404 })) as typeof fetch;

const record = (offset: number, value: Buffer | null): InputRecord => ({
  topic: 'employees',
  partition: 0,
  offset: BigInt(offset),
  key: null,
  value,
  headers: {},
  timestamp: 0,
});
const writer = createAvroWriterSchema(employeesEnvelope);
// Debezium's longs (ts_ns) exceed 2^53: the envelope lib's writer type reads and writes them as JSON does.
const avroValue = (payload: unknown, id = SCHEMA_ID) => writeRegistryFrame(id, writer.kind === 'ok' ? writer.writer.type.toBuffer(payload) : Buffer.alloc(0));

describe('employee stream', () => {
  const decoder = () => createInputDecoder(createSchemaRegistryCodec({ url: 'http://registry', fetch: registry }), 4096);

  it('reads the employees topic in Avro as it reads it in JSON: the directory knows the employee either way', async () => {
    for (const value of [avroValue(employeeCreate), Buffer.from(JSON.stringify(employeeCreate))]) {
      const { events, rejected } = await employeeEvents([record(0, value)], decoder());
      expect(rejected).toEqual([]);
      const directory = createEmployeeDirectory(async () => []);
      expect(directory.apply(events)).toEqual([]);
      expect(directory.lookup(31)).toMatchObject({ id: 31, name: 'Dana Whitfield', department: 'Marketing', created_at: 1705305600123456 });
    }
  });

  it('passes tombstones over and says why it cannot decode the rest: an unknown schema id, bytes over the limit, broken JSON', async () => {
    const { events, rejected } = await employeeEvents(
      [
        record(0, null),
        record(1, avroValue(employeeCreate, 99)),
        record(2, Buffer.alloc(5000, 0x20)),
        record(3, Buffer.from('{"op":')),
        record(4, avroValue(employeeCreate)),
      ],
      decoder(),
    );
    expect(events).toHaveLength(1);
    expect(rejected).toEqual([expect.stringMatching(/^unknown_schema_id: /), expect.stringMatching(/^too_large: /), expect.stringMatching(/^not_json: /)]);
  });

  it('keeps the last good version of an employee whose change lacks a column, and says which', async () => {
    const directory = createEmployeeDirectory(async () => []);
    directory.apply((await employeeEvents([record(0, Buffer.from(JSON.stringify(employeeCreate)))], decoder())).events);
    const { department: _renamed, ...after } = employeeCreate['after'] as Record<string, unknown>;
    const renamed = { ...employeeCreate, op: 'u', before: employeeCreate['after'], after: { ...after, dept: 'Sales' } };
    const { events } = await employeeEvents([record(1, Buffer.from(JSON.stringify(renamed)))], decoder());
    expect(directory.apply(events)).toEqual(['after.department is not in the row: the table has no such column (dropped or renamed?)']);
    expect(directory.lookup(31)?.department).toBe('Marketing');
  });
});
