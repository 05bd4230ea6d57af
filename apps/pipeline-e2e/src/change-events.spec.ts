import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnectClient } from '@eap/connect-io';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import avsc from 'avsc';
import { createRowReader } from '@eap/debezium-envelope';
import { createInputDecoder, createSchemaRegistryCodec, createTopicAdmin, readRecords } from '@eap/kafka-io';
import { createTestPipeline, describeOnStack, startApp, type AppProcess, type TestPipeline } from '@eap/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { runPipelineCli } from './pipeline-cli-runner.js';
import { sql } from '@eap/pg-io';
import { createSourceChangeReader, type SourceChange } from './source-change.js';

for (const format of ['avro', 'json'] as const)
  describeOnStack(`change capture (CONNECTOR_FORMAT=${format})`, (stack) => {
    const brokers = stack.connection.kafkaBrokers;
    const read = createSourceChangeReader(stack.connection.registryUrl);
    let p: TestPipeline;

    beforeAll(async () => {
      p = await createTestPipeline(stack, `cdc_${format}`, { env: { CONNECTOR_FORMAT: format } });
    });
    afterAll(async () => {
      await p?.dispose();
    });

    it('captures insert, update (with its before image), delete and the tombstone', async () => {
      const [e1, e2] = await p.db.selectFrom('employees').select('id').orderBy('id').limit(2).execute();
      const { id } = await p.db
        .insertInto('employee_activities')
        .values({
          employee_id: e1!.id,
          activity_type: 'login',
          page_url: '/dashboard',
          duration_seconds: 42,
          ip_address: '2001:db8::1',
          user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
          activity_timestamp: '2024-01-15 09:30:00.123456',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await p.db.updateTable('employee_activities').set({ employee_id: e2!.id, duration_seconds: 300 }).where('id', '=', id).execute();
      await p.db.deleteFrom('employee_activities').where('id', '=', id).execute();

      const records = await readRecords({ brokers, topic: p.topics.activities, until: (rs) => rs.length >= 4, timeoutMs: 60_000 });
      const changes = await Promise.all(records.map(read));
      // Avro: magic byte 0 and a 4-byte schema id, keys and values; JSON: the schema inline.
      for (const r of records.filter((x) => x.value !== null)) {
        expect(r.value![0] === 0 && r.key![0] === 0).toBe(format === 'avro');
        if (format === 'json') expect(JSON.parse(r.value!.toString())).toHaveProperty('schema');
      }
      if (format === 'json' && process.env['CAPTURE_FIXTURES']) {
        mkdirSync(process.env['CAPTURE_FIXTURES'], { recursive: true });
        records.forEach((r, i) =>
          writeFileSync(
            join(process.env['CAPTURE_FIXTURES']!, `activity-${i}-${changes[i]!.value?.op ?? 'tombstone'}.json`),
            JSON.stringify({ key: JSON.parse(r.key!.toString()), value: r.value ? JSON.parse(r.value.toString()) : null }, null, 2),
          ),
        );
      }

      expect(changes.map((c) => c.value?.op ?? 'tombstone')).toEqual(['c', 'u', 'd', 'tombstone']);
      expect(changes.every((c) => c.key['id'] === id)).toBe(true);
      const [created, updated, deleted] = changes.map((c) => c.value!);
      expect(created!.before).toBeNull();
      expect(created!.after).toEqual({
        id,
        employee_id: e1!.id,
        activity_type: 'login',
        page_url: '/dashboard',
        duration_seconds: 42,
        ip_address: '2001:db8::1',
        user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
        activity_timestamp: Date.UTC(2024, 0, 15, 9, 30, 0) * 1000 + 123_456, // MicroTimestamp, wall clock as UTC
      });
      expect(updated!.before).toMatchObject({ employee_id: e1!.id, duration_seconds: 42 }); // REPLICA IDENTITY FULL
      expect(updated!.after).toMatchObject({ employee_id: e2!.id, duration_seconds: 300 });
      expect(deleted!.before).toMatchObject({ id, employee_id: e2!.id });
      expect(deleted!.after).toBeNull();
      expect(created!.source).toMatchObject({ db: p.names.database, table: 'employee_activities', connector: 'postgresql' });
      expect(typeof created!.source['sequence']).toBe('string');
    });

    it('keeps NULL as NULL (not the column default) for employee and timestamp', async () => {
      const { id } = await p.db
        .insertInto('employee_activities')
        .values({ employee_id: null, activity_type: 'click', ip_address: '10.0.0.7', activity_timestamp: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      let change: SourceChange | undefined;
      let record: Awaited<ReturnType<typeof readRecords>>[number] | undefined;
      for (const deadline = Date.now() + 60_000; change === undefined && Date.now() < deadline;) {
        const records = await readRecords({ brokers, topic: p.topics.activities, until: () => false, timeoutMs: 2_000 });
        const all = await Promise.all(records.map(read));
        record = records[all.findIndex((c) => c.key['id'] === id)];
        change = all.find((c) => c.key['id'] === id);
      }
      if (format === 'json' && process.env['CAPTURE_FIXTURES']) {
        writeFileSync(
          join(process.env['CAPTURE_FIXTURES'], 'activity-4-c-null-employee-and-timestamp.json'),
          JSON.stringify({ key: JSON.parse(record!.key!.toString()), value: JSON.parse(record!.value!.toString()) }, null, 2),
        );
      }
      // activity_timestamp has DEFAULT CURRENT_TIMESTAMP, which Debezium declares as default 0. The JSON
      // converter keeps NULL when told to (replace.null.with.default=false); Apicurio's Avro converter has
      // no such setting and writes the default, so the schema's 0 placeholder is what our reader maps back.
      expect(change!.value!.after).toMatchObject({ id, employee_id: null, activity_timestamp: format === 'avro' ? 0 : null, duration_seconds: null });
      const decoder = createInputDecoder(createSchemaRegistryCodec({ url: stack.connection.registryUrl }), 1_048_576);
      await decoder.prepare([record!.value]);
      const decoded = decoder.decode(record!.value);
      if (decoded.kind !== 'event') throw new Error(`not decoded: ${JSON.stringify(decoded)}`);
      expect(decoded.form).toBe(format === 'avro' ? 'avro' : 'json-with-schema');
      const row = createRowReader(decoded.event.after!, decoded.event.columns);
      expect([row.nullableTimestamp('activity_timestamp'), row.nullableInt('employee_id'), row.nullableInt('duration_seconds')]).toEqual([null, null, null]);
    });

    (format === 'avro' ? it : it.skip)('is read by @kafkajs/confluent-schema-registry through the ccompat API, as any consumer would', async () => {
      // Debezium's ts_ns is above 2^53, which avsc's default long refuses: give it a long type that rounds.
      const wideLong = avsc.types.LongType.__with({
        fromBuffer: (b: Buffer) => Number(b.readBigInt64LE()),
        toBuffer: (n: number) => Buffer.from(new BigInt64Array([BigInt(n)]).buffer),
        fromJSON: Number,
        toJSON: Number,
        isValid: Number.isInteger,
        compare: (a: number, b: number) => Math.sign(a - b),
      });
      const registry = new SchemaRegistry(
        { host: stack.connection.registryUrl },
        { [SchemaType.AVRO]: { typeHook: (schema: unknown) => (schema === 'long' || (schema as { type?: unknown })?.type === 'long' ? wideLong : undefined) } },
      );
      const records = (await readRecords({ brokers, topic: p.topics.activities, until: (rs) => rs.length >= 4, timeoutMs: 30_000 })).filter(
        (r) => r.value !== null,
      );
      for (const r of records) {
        const ours = await read(r);
        expect({ key: await registry.decode(r.key!), value: await registry.decode(r.value!) }).toEqual(ours);
      }
      const subjects = (await (await fetch(`${stack.connection.registryUrl}/subjects`)).json()) as string[];
      expect(subjects).toEqual(expect.arrayContaining([`${p.topics.activities}-key`, `${p.topics.activities}-value`, `${p.topics.employees}-value`]));
    });

    it('snapshots the seeded employees into a compacted topic', async () => {
      const seeded = Number(
        (
          await p.db
            .selectFrom('employees')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(seeded).toBeGreaterThanOrEqual(200);
      const records = await readRecords({ brokers, topic: p.topics.employees, until: (rs) => rs.length >= seeded, timeoutMs: 60_000 });
      const ops = (await Promise.all(records.map(read))).map((c) => c.value?.op);
      expect(ops.filter((o) => o === 'r')).toHaveLength(seeded);
      const admin = await createTopicAdmin({ brokers });
      try {
        expect((await admin.topicConfig(p.topics.employees))['cleanup.policy']).toBe('compact');
      } finally {
        await admin.close();
      }
    });

    it('stores the connector config with a password reference, never the password', async () => {
      const config = await createConnectClient({ baseUrl: stack.connection.connectUrl }).config(p.names.connector);
      expect(config?.['database.password']).toMatch(/^\$\{file:.+:password\}$/);
      expect(config).toMatchObject({
        'plugin.name': 'pgoutput',
        'publication.autocreate.mode': 'filtered',
        'skipped.operations': 'none',
        'slot.name': p.names.slot,
      });
      const password = stack.pg('postgres').password!;
      expect(JSON.stringify(config)).not.toContain(password);
    });

    (format === 'json' ? it : it.skip)('refuses to switch the format of a running connector unless asked', async () => {
      await expect(p.runApp('connector-registrar', { CONNECTOR_FORMAT: 'avro' })).rejects.toMatchObject({
        stderr: expect.stringContaining(`connector ${p.names.connector} writes json, CONNECTOR_FORMAT=avro would switch it`),
      });
      expect((await createConnectClient({ baseUrl: stack.connection.connectUrl }).config(p.names.connector))?.['value.converter']).toBe(
        'org.apache.kafka.connect.json.JsonConverter',
      );
    });

    it('runs the registrar again without changing anything (idempotent)', async () => {
      const { stdout } = await p.runApp('connector-registrar');
      expect(stdout).toContain(`connector ${p.names.connector} RUNNING`);
    });
  });

describeOnStack('change capture (Avro) across a column added mid-stream', (stack) => {
  const brokers = stack.connection.kafkaBrokers;
  const read = createSourceChangeReader(stack.connection.registryUrl);
  let p: TestPipeline;
  let processor: AppProcess | undefined;

  beforeAll(async () => {
    p = await createTestPipeline(stack, 'cdc_ddl', { env: { CONNECTOR_FORMAT: 'avro' } });
  });
  afterAll(async () => {
    await processor?.kill();
    await p?.dispose();
  });

  // The caching schema resolver (tools/stack/maven/connect-extensions) remembers the registered schema
  // per writer schema: a new table schema must register anew, and the records after it carry its id.
  it('registers the new schema, writes the rows after it with its id, and the processor reads both', async () => {
    const [e] = await p.db.selectFrom('employees').select('id').orderBy('id').limit(1).execute();
    const insert = (note?: string) =>
      note === undefined
        ? sql<{
            id: number;
          }>`INSERT INTO employee_activities (employee_id, activity_type, duration_seconds, activity_timestamp) VALUES (${e!.id}, 'login', 5, now()) RETURNING id`.execute(
            p.db,
          )
        : sql<{
            id: number;
          }>`INSERT INTO employee_activities (employee_id, activity_type, duration_seconds, activity_timestamp, note) VALUES (${e!.id}, 'login', 5, now(), ${note}) RETURNING id`.execute(
            p.db,
          );
    await insert();
    await insert();
    await sql`ALTER TABLE employee_activities ADD COLUMN note text`.execute(p.db);
    await insert('after the column');
    await insert();

    const records = await readRecords({ brokers, topic: p.topics.activities, until: (rs) => rs.length >= 4, timeoutMs: 60_000 });
    const valueIds = records.map((r) => r.value!.readInt32BE(1));
    const keyIds = records.map((r) => r.key!.readInt32BE(1));
    expect(valueIds[1]).toBe(valueIds[0]);
    expect(valueIds[2]).not.toBe(valueIds[0]);
    expect(valueIds[3]).toBe(valueIds[2]);
    expect(new Set(keyIds).size).toBe(1); // the key's schema did not change
    const changes = await Promise.all(records.map(read));
    expect(changes[0]!.value!.after).not.toHaveProperty('note');
    expect(changes.slice(2).map((c) => c.value!.after!['note'])).toEqual(['after the column', null]);

    processor = startApp('enrichment-processor', { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
    const enriched = await readRecords({ brokers, topic: p.names.processedTopic, until: (rs) => rs.length >= 4, timeoutMs: 60_000 });
    expect(enriched).toHaveLength(4);
    expect(await topicRecordCount(p.names.dlqTopic)).toBe(0);
  });

  // A type change readers of the old schema cannot follow: the registry's BACKWARD rule refuses the
  // new schema, the task fails, and nothing past it is written. `doctor` names the subject and the way
  // through; once the subject takes it, the restart captures every row, and the ones the processor
  // cannot read in the new shape go to the DLQ with their reason.
  it('stops at a change the registry refuses; doctor names the subject, and its fix captures every row after it', async () => {
    const [e] = await p.db.selectFrom('employees').select('id').orderBy('id').limit(1).execute();
    const captured = () => readRecords({ brokers, topic: p.topics.activities, until: () => false, timeoutMs: 3_000 });
    const before = (await captured()).length;
    const dlqBefore = (await readRecords({ brokers, topic: p.names.dlqTopic, until: () => false, timeoutMs: 3_000 })).length;
    await sql`ALTER TABLE employee_activities ALTER COLUMN duration_seconds TYPE numeric(12,2)`.execute(p.db);
    for (const d of ['7.50', '8.00'])
      await sql`INSERT INTO employee_activities (employee_id, activity_type, duration_seconds, activity_timestamp) VALUES (${e!.id}, 'login', ${d}::numeric, now())`.execute(
        p.db,
      );

    const connect = createConnectClient({ baseUrl: stack.connection.connectUrl });
    for (let i = 0; i < 120 && (await connect.status(p.names.connector))?.tasks[0]?.state !== 'FAILED'; i++) await sleep(500);
    const subject = `${p.topics.activities}-value`;
    const broken = await runPipelineCli(p.env, ['doctor']);
    process.stderr.write(`[npm run pipeline -- doctor, the schema refused]\n${broken.stdout}\n`);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`task(s) 0 FAILED of ${p.names.connector}: the registry refused the new schema of ${subject} under its compatibility rule`);
    expect(broken.stdout).not.toContain('Tolerance exceeded');
    expect((await captured()).length).toBe(before);

    // The fix as doctor prints it: the subject's own rule through the registry's API, then the restart.
    const command = /curl -X POST -H 'Content-Type: application\/json' -d '(\{[^']+\})' '([^']+)'/.exec(broken.stdout);
    expect(command).not.toBeNull();
    const ruled = await fetch(command![2]!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: command![1] });
    expect(ruled.status).toBe(204);
    const fixed = await runPipelineCli(p.env, ['doctor', '--fix']);
    expect(fixed.stderr).toContain(`▸ restarting ${p.names.connector}`);

    const dlq = await readRecords({ brokers, topic: p.names.dlqTopic, until: (rs) => rs.length >= dlqBefore + 2, timeoutMs: 60_000 });
    expect(dlq.slice(dlqBefore).map((r) => r.headers['dlq.reason']?.toString())).toEqual(['invalid_field', 'invalid_field']);
    expect((await captured()).length).toBe(before + 2);
    expect((await connect.status(p.names.connector))?.tasks[0]?.state).toBe('RUNNING');

    // The fix's last step: the subject back to the global rule. Rows of the schema it took still pass.
    const restore = /curl -X DELETE '([^']+)'/.exec(broken.stdout);
    expect(restore).not.toBeNull();
    expect((await fetch(restore![1]!, { method: 'DELETE' })).status).toBe(204);
    await sql`INSERT INTO employee_activities (employee_id, activity_type, duration_seconds, activity_timestamp) VALUES (${e!.id}, 'login', 9.25, now())`.execute(
      p.db,
    );
    await readRecords({ brokers, topic: p.names.dlqTopic, until: (rs) => rs.length >= dlqBefore + 3, timeoutMs: 60_000 });
    expect((await captured()).length).toBe(before + 3);
    expect((await connect.status(p.names.connector))?.tasks[0]?.state).toBe('RUNNING');
  }, 180_000);

  // A renamed column is absent from the writer's schema (the registry takes that under BACKWARD too:
  // the new field is nullable). Read as NULL, the duration would quietly stop counting; the processor
  // refuses the row instead. (After the test above the column is numeric: it goes back to integer.)
  it('dead-letters a row whose duration column was renamed away, naming the column; once renamed back, and with a carried-along column dropped, enriches again', async () => {
    const [e] = await p.db.selectFrom('employees').select('id').orderBy('id').limit(1).execute();
    const processed = () => readRecords({ brokers, topic: p.names.processedTopic, until: () => false, timeoutMs: 3_000 });
    const before = (await processed()).length;
    const dlqBefore = (await readRecords({ brokers, topic: p.names.dlqTopic, until: () => false, timeoutMs: 3_000 })).length;
    await sql`ALTER TABLE employee_activities RENAME COLUMN duration_seconds TO seconds`.execute(p.db);
    await sql`INSERT INTO employee_activities (employee_id, activity_type, seconds, activity_timestamp) VALUES (${e!.id}, 'login', 5, now())`.execute(p.db);
    await sql`ALTER TABLE employee_activities RENAME COLUMN seconds TO duration_seconds`.execute(p.db);
    await sql`ALTER TABLE employee_activities ALTER COLUMN duration_seconds TYPE integer USING duration_seconds::integer`.execute(p.db);
    // A column only carried along to the processed record may go: the rows after it read it as NULL.
    await sql`ALTER TABLE employee_activities DROP COLUMN user_agent`.execute(p.db);
    await sql`INSERT INTO employee_activities (employee_id, activity_type, duration_seconds, activity_timestamp) VALUES (${e!.id}, 'login', 6, now())`.execute(
      p.db,
    );

    const dlq = await readRecords({ brokers, topic: p.names.dlqTopic, until: (rs) => rs.length >= dlqBefore + 1, timeoutMs: 60_000 });
    expect(dlq.slice(dlqBefore).map((r) => [r.headers['dlq.reason']?.toString(), r.headers['dlq.detail']?.toString()])).toEqual([
      ['invalid_field', 'after image: after.duration_seconds is not in the row: the table has no such column (dropped or renamed?)'],
    ]);
    const after = await readRecords({ brokers, topic: p.names.processedTopic, until: (rs) => rs.length >= before + 1, timeoutMs: 60_000 });
    expect(after).toHaveLength(before + 1);
  });

  const topicRecordCount = async (topic: string): Promise<number> => {
    const admin = await createTopicAdmin({ brokers });
    try {
      return (await admin.offsetRanges(topic)).reduce((n, o) => n + Number(o.high - o.low), 0);
    } finally {
      await admin.close();
    }
  };
});

// The processor looks employees it has not seen up in PostgreSQL. With a column of that query gone
// (dropped under it), retrying the batch would fail forever: the processor stops, naming the query and
// the column, and commits nothing; once the column is back, a new start enriches the row.
describeOnStack('an employees column dropped under the processor', (stack) => {
  let p: TestPipeline;
  const apps: AppProcess[] = [];
  beforeAll(async () => {
    p = await createTestPipeline(stack, 'emp_ddl');
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.kill()));
    await p?.dispose();
  });

  it('stops with the query and the column named, then enriches the row once the column is back', async () => {
    const env = { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' };
    const first = startApp('enrichment-processor', env);
    apps.push(first);
    await first.waitForEvent('processor.started');
    await sql`ALTER TABLE employees DROP COLUMN email`.execute(p.db);
    const hired = await sql<{ id: number }>`INSERT INTO employees (name, department) VALUES ('Noor Haddad', 'Ops') RETURNING id`.execute(p.db);
    const id = hired.rows[0]!.id;
    await sql`INSERT INTO employee_activities (employee_id, activity_type, duration_seconds, activity_timestamp) VALUES (${id}, 'login', 5, now())`.execute(
      p.db,
    );

    expect(await first.exited).toBe(1);
    const lines = first.lines.join('\n');
    expect(lines).toContain('"event":"processor.employee_records_rejected"');
    expect(lines).toContain('after.email is not in the row');
    expect(lines).toMatch(
      /"event":"processor.consumer_stopped".*looking employees up \(SELECT id, name, email, department, created_at FROM employees\): column \\"email\\" does not exist/,
    );
    const nothing = await readRecords({ brokers: stack.connection.kafkaBrokers, topic: p.names.processedTopic, until: () => false, timeoutMs: 3_000 });
    expect(nothing).toHaveLength(0);

    await sql`ALTER TABLE employees ADD COLUMN email varchar(100)`.execute(p.db);
    await sql`UPDATE employees SET email = 'noor@example.com' WHERE id = ${id}`.execute(p.db);
    const second = startApp('enrichment-processor', env);
    apps.push(second);
    const enriched = await readRecords({
      brokers: stack.connection.kafkaBrokers,
      topic: p.names.processedTopic,
      until: (rs) => rs.length >= 1,
      timeoutMs: 60_000,
    });
    expect(enriched).toHaveLength(1);
  });
});
