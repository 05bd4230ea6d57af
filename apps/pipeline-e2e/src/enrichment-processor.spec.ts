import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRecordWriter, createSchemaRegistryCodec, readRecords, type ConsumedRecord } from '@eap/kafka-io';
import { findRepoRoot } from '@eap/stack';
import { createTestPipeline, describeOnStack, type TestPipeline } from '@eap/testing';
import { startApp, type AppProcess } from '@eap/testing';
import { createSourceChangeReader } from './source-change.js';

interface Processed {
  readonly row_kind: string;
  readonly op: string;
  readonly id: number | null;
  readonly employee_id: number | null;
  readonly activity_type: string | null;
  readonly duration_seconds: number | null;
  readonly session_duration_category: string | null;
  readonly activity_hour: number | null;
  readonly is_business_hours: boolean | null;
  readonly employee_known: boolean;
  readonly employee_name: string | null;
  readonly employee_department: string | null;
  readonly source_lsn: number | null;
}

const capturedEvent = (name: string) =>
  JSON.parse(readFileSync(join(findRepoRoot(), 'libs/debezium-envelope/src/fixtures/captured', `${name}.json`), 'utf8')) as {
    key: { payload: { id: number } } & Record<string, unknown>;
    value: { payload: Record<string, unknown> & { after: Record<string, unknown>; source: Record<string, unknown> } } & Record<string, unknown>;
  };

describeOnStack('enrichment processor', (stack) => {
  const brokers = stack.connection.kafkaBrokers;
  const codec = createSchemaRegistryCodec({ url: stack.connection.registryUrl });
  const read = createSourceChangeReader(stack.connection.registryUrl);
  let p: TestPipeline;
  let processor: AppProcess;
  let healthUrl: string;

  const processed = async (until: (rs: readonly ConsumedRecord[]) => boolean) => {
    const records = await readRecords({ brokers, topic: p.names.processedTopic, until, timeoutMs: 60_000, isolation: 'read_committed' });
    return Promise.all(
      records.map(async (r) => {
        const decoded = await codec.decode(r.value!);
        if (decoded.kind !== 'ok') throw new Error(`undecodable processed record: ${decoded.detail}`);
        return { key: r.key?.toString() ?? null, partition: r.partition, value: decoded.value as Processed };
      }),
    );
  };
  const dlq = (until: (rs: readonly ConsumedRecord[]) => boolean) => readRecords({ brokers, topic: p.names.dlqTopic, until, timeoutMs: 60_000 });
  const writeRaw = async (messages: { key: string | Buffer | null; value: string | Buffer | null }[]) => {
    const writer = await createRecordWriter({ brokers });
    await writer.send(messages.map((m) => ({ topic: p.topics.activities, key: m.key, value: m.value === null ? null : Buffer.from(m.value) })));
    await writer.close();
  };

  /**
   * A source position just past the last real event on the input topic: injected events must be
   * "fresh" for the re-delivery rule, and still behind the next real transaction.
   */
  const injectedSource = async (bump: number) => {
    const input = await readRecords({ brokers, topic: p.topics.activities, until: () => false, timeoutMs: 3_000 });
    // The last decodable change: Debezium's (Avro, the default) or one injected before (JSON).
    let source: Record<string, unknown> | undefined;
    for (const r of [...input].reverse().filter((x) => x.value && x.key)) {
      source = (await read(r).catch(() => undefined))?.value?.source;
      if (typeof source?.['sequence'] === 'string') break;
    }
    const [commit, lsn] = JSON.parse(source!['sequence'] as string) as [string, string];
    const next = String(BigInt(lsn) + BigInt(bump));
    return { ...source, lsn: Number(next), sequence: JSON.stringify([commit, next]) };
  };

  beforeAll(async () => {
    p = await createTestPipeline(stack, 'enrich');
    processor = startApp('enrichment-processor', { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
    healthUrl = (await processor.waitForEvent('processor.started'))['health'] as string;
  });
  afterAll(async () => {
    await processor?.kill();
    await p?.dispose();
  });

  it('turns inserts, updates (same and moved employee) and deletes into the exact changelog', async () => {
    const [e1, e2] = await p.db.selectFrom('employees').select(['id', 'name', 'department']).orderBy('id').limit(2).execute();
    const a = await p.db
      .insertInto('employee_activities')
      .values({ employee_id: e1!.id, activity_type: 'login', duration_seconds: 29, activity_timestamp: '2024-01-15 08:59:59.999999' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.db.updateTable('employee_activities').set({ duration_seconds: 300, activity_timestamp: '2024-01-15 09:00:00' }).where('id', '=', a.id).execute();
    await p.db.updateTable('employee_activities').set({ employee_id: e2!.id }).where('id', '=', a.id).execute();
    const b = await p.db
      .insertInto('employee_activities')
      .values({ employee_id: e1!.id, activity_type: 'download', duration_seconds: null, activity_timestamp: '2024-01-15 17:59:00' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.db.deleteFrom('employee_activities').where('id', '=', b.id).execute();

    const records = await processed((rs) => rs.length >= 7);
    const rows = records.map((r) => [
      r.key,
      r.value.row_kind,
      r.value.id,
      r.value.employee_id,
      r.value.duration_seconds,
      r.value.session_duration_category,
      r.value.activity_hour,
      r.value.is_business_hours,
    ]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [String(e1!.id), '+I', a.id, e1!.id, 29, 'short', 8, false],
        [String(e1!.id), '-U', a.id, e1!.id, 29, 'short', 8, false],
        [String(e1!.id), '+U', a.id, e1!.id, 300, 'long', 9, true],
        [String(e1!.id), '-U', a.id, e1!.id, 300, 'long', 9, true],
        [String(e2!.id), '+U', a.id, e2!.id, 300, 'long', 9, true],
        [String(e1!.id), '+I', b.id, e1!.id, null, 'unknown', 17, true],
        [String(e1!.id), '-D', b.id, e1!.id, null, 'unknown', 17, true],
      ]),
    );
    expect(records).toHaveLength(7);
    expect(records.every((r) => r.value.employee_known)).toBe(true);
    expect(records.find((r) => r.key === String(e2!.id))!.value).toMatchObject({ employee_name: e2!.name, employee_department: e2!.department });
  });

  it('marks an employee neither the employees topic nor the database knows as unknown', async () => {
    const event = capturedEvent('activity-0-c');
    const payload = { ...event.value.payload, after: { ...event.value.payload.after, id: 900001, employee_id: 999999 }, source: await injectedSource(1) };
    await writeRaw([{ key: JSON.stringify({ ...event.key, payload: { id: 900001 } }), value: JSON.stringify({ ...event.value, payload }) }]);
    const records = await processed((rs) => rs.some((r) => r.key?.toString() === '999999'));
    expect(records.find((r) => r.key === '999999')!.value).toMatchObject({
      row_kind: '+I',
      employee_id: 999999,
      employee_known: false,
      employee_name: null,
      employee_department: null,
    });
  });

  it('sends malformed input to the DLQ with its reason, and valid records after it still flow', async () => {
    const event = capturedEvent('activity-0-c');
    const withPayload = (change: Record<string, unknown>) => JSON.stringify({ ...event.value, payload: { ...event.value.payload, ...change } });
    const key = JSON.stringify(event.key);
    const big = 'x'.repeat(1_100_000);
    await writeRaw([
      { key, value: 'not json at all' },
      { key, value: JSON.stringify({ hello: 'world' }) },
      { key, value: withPayload({ op: 'x' }) },
      { key, value: withPayload({ after: { ...event.value.payload.after, activity_timestamp: 'yesterday' }, source: await injectedSource(1) }) },
      { key, value: big },
      { key: null, value: withPayload({ source: await injectedSource(2) }) },
      { key, value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf1, 2, 4, 6]) },
    ]);
    const [employee] = await p.db.selectFrom('employees').select('id').limit(1).execute();
    // a NULL employee from the database itself, then a valid row
    await p.db.insertInto('employee_activities').values({ employee_id: null, activity_type: 'click', activity_timestamp: '2024-01-16 10:00:00' }).execute();
    const valid = await p.db
      .insertInto('employee_activities')
      .values({ employee_id: employee!.id, activity_type: 'search', activity_timestamp: '2024-01-16 10:00:01' })
      .returning('id')
      .executeTakeFirstOrThrow();

    const dead = await dlq((rs) => rs.length >= 8);
    const reasons = dead.map((r) => r.headers['dlq.reason']?.toString());
    expect(reasons).toEqual(['not_json', 'invalid_shape', 'unknown_op', 'invalid_field', 'too_large', 'missing_key', 'unknown_schema_id', 'missing_employee']);
    expect(dead[0]!.value!.toString()).toBe('not json at all'); // the original bytes
    expect(dead[0]!.key!.toString()).toBe(key);
    expect(dead[4]!.value!.length).toBe(big.length); // the DLQ takes records as large as its inputs
    expect(dead[0]!.headers['dlq.source.topic']!.toString()).toBe(p.topics.activities);
    expect(dead[0]!.headers['dlq.source.offset']).toBeDefined();
    const records = await processed((rs) => rs.length >= 9);
    expect(records.filter((r) => r.value.id === valid.id).map((r) => r.value.row_kind)).toEqual(['+I']);
  });

  it('reports health and Prometheus metrics, DLQ counts by reason included', async () => {
    const health = await fetch(healthUrl);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', consuming: true });
    const metrics = await (await fetch(healthUrl.replace('/healthz', '/metrics'))).text();
    expect(metrics).toMatch(/enrichment_dlq_total\{reason="not_json"\} 1/);
    expect(metrics).toMatch(/enrichment_records_out_total\{row_kind="\+I"\} \d+/);
    expect(metrics).toContain('enrichment_end_to_end_latency_seconds_bucket');
    expect(metrics).toMatch(/enrichment_consumer_lag\{partition="0"\} 0/);
  });
});
