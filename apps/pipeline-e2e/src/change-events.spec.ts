import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnectClient } from '@eap/connect-io';
import { createTopicAdmin, readRecords } from '@eap/kafka-io';
import { createTestPipeline, describeOnStack, type TestPipeline } from '@eap/testing';
import { decodeJsonChange } from './json-change-event.js';

describeOnStack('change capture', (stack) => {
  const brokers = stack.connection.kafkaBrokers;
  let p: TestPipeline;

  beforeAll(async () => {
    p = await createTestPipeline(stack, 'cdc');
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
    const changes = records.map(decodeJsonChange);
    if (process.env['CAPTURE_FIXTURES']) {
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
    const records = await readRecords({
      brokers,
      topic: p.topics.activities,
      until: (rs) => rs.some((r) => decodeJsonChange(r).key['id'] === id),
      timeoutMs: 60_000,
    });
    const record = records.find((r) => decodeJsonChange(r).key['id'] === id)!;
    if (process.env['CAPTURE_FIXTURES']) {
      writeFileSync(
        join(process.env['CAPTURE_FIXTURES'], 'activity-4-c-null-employee-and-timestamp.json'),
        JSON.stringify({ key: JSON.parse(record.key!.toString()), value: JSON.parse(record.value!.toString()) }, null, 2),
      );
    }
    // activity_timestamp has DEFAULT CURRENT_TIMESTAMP: the JSON converter would write 0 unless told not to.
    expect(decodeJsonChange(record).value!.after).toMatchObject({ id, employee_id: null, activity_timestamp: null, duration_seconds: null });
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
    const ops = records.map((r) => decodeJsonChange(r).value?.op);
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

  it('runs the registrar again without changing anything (idempotent)', async () => {
    const { stdout } = await p.runApp('connector-registrar');
    expect(stdout).toContain(`connector ${p.names.connector} RUNNING`);
  });
});
