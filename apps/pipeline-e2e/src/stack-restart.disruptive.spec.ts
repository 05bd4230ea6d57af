import { createConnectClient } from '@eap/connect-io';
import { readRecords } from '@eap/kafka-io';
import { createTestPipeline, describeOnStack, type TestPipeline } from '@eap/testing';
import { createSourceChangeReader } from './source-change.js';
import { runStackCli } from './stack-cli.js';

const waitUntil = async (what: string, check: () => Promise<boolean>, timeoutMs = 120_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
};

describeOnStack(
  'stack down then up (disruptive: runs last)',
  (stack) => {
    const brokers = stack.connection.kafkaBrokers;
    let p: TestPipeline;
    const subject = `restart-check-${Date.now()}-value`;
    const schema = JSON.stringify({ type: 'record', name: 'RestartCheck', namespace: 'test', fields: [{ name: 'n', type: 'int' }] });

    beforeAll(async () => {
      p = await createTestPipeline(stack, 'restart');
    });
    afterAll(async () => {
      await p?.dispose();
    });

    it('keeps the data and the schemas, and the connector resumes without a second snapshot', async () => {
      const [employee] = await p.db.selectFrom('employees').select('id').limit(1).execute();
      const before = await p.db
        .insertInto('employee_activities')
        .values({ employee_id: employee!.id, activity_type: 'login', activity_timestamp: '2024-02-01 08:00:00' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await readRecords({ brokers, topic: p.topics.activities, until: (rs) => rs.length >= 1, timeoutMs: 60_000 });
      const registered = await fetch(`${stack.connection.registryUrl}/subjects/${subject}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema }),
      });
      expect(registered.ok).toBe(true);
      const { id: schemaId } = (await registered.json()) as { id: number };

      const down = runStackCli(['down']);
      expect(down.code).toBe(0);
      expect(runStackCli(['status']).stdout).not.toMatch(/\brunning\b/);
      const up = runStackCli(['up']);
      expect(up.code).toBe(0);
      expect(up.stdout).toMatch(/stack up in/);

      // data kept
      await p.reconnect();
      const rows = await p.db.selectFrom('employee_activities').select('id').execute();
      expect(rows.map((r) => r.id)).toEqual([before.id]);
      // registry kept its schema under the same id
      const stored = await fetch(`${stack.connection.registryUrl}/schemas/ids/${schemaId}`);
      expect(stored.ok).toBe(true);
      expect(JSON.parse(((await stored.json()) as { schema: string }).schema)).toEqual(JSON.parse(schema));
      // the connector resumes from its stored offset
      const connect = createConnectClient({ baseUrl: stack.connection.connectUrl });
      await waitUntil('connector RUNNING after restart', async () => {
        const s = await connect.status(p.names.connector);
        return s?.connector.state === 'RUNNING' && s.tasks.every((t) => t.state === 'RUNNING');
      });
      const after = await p.db
        .insertInto('employee_activities')
        .values({ employee_id: employee!.id, activity_type: 'logout', activity_timestamp: '2024-02-01 17:00:00' })
        .returning('id')
        .executeTakeFirstOrThrow();

      const read = createSourceChangeReader(stack.connection.registryUrl);
      const activities = await Promise.all(
        (await readRecords({ brokers, topic: p.topics.activities, until: (rs) => rs.length >= 2, timeoutMs: 90_000 })).map(read),
      );
      expect(activities.map((c) => [c.key['id'], c.value?.op])).toEqual([
        [before.id, 'c'],
        [after.id, 'c'],
      ]);
      const employees = await Promise.all((await readRecords({ brokers, topic: p.topics.employees, until: () => false, timeoutMs: 5_000 })).map(read));
      const seeded = Number(
        (
          await p.db
            .selectFrom('employees')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(employees.filter((c) => c.value?.op === 'r')).toHaveLength(seeded); // one snapshot, not two
    });
  },
  { only: 'embedded' },
);
