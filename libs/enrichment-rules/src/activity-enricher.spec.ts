import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeEvent } from '@eap/debezium-envelope';
import { decodeJsonEnvelope } from '@eap/debezium-envelope';
import { createActivityEnricher } from './activity-enricher.js';
import type { Employee } from './employee-row.js';
import type { EnrichmentOutcome } from './enrichment-outcome.js';

const fixturesRoot = join(__dirname, '..', '..', 'debezium-envelope', 'src', 'fixtures');

const decode = (value: unknown): ChangeEvent => {
  const result = decodeJsonEnvelope(JSON.stringify(value));
  if (result.kind !== 'event') throw new Error(`not an event: ${JSON.stringify(result)}`);
  return result.event;
};

const fixtureValue = (path: string): unknown => (JSON.parse(readFileSync(join(fixturesRoot, path), 'utf8')) as { value: unknown }).value;
const fixtureEvent = (form: 'json' | 'json-with-schema', name: string): ChangeEvent => decode(fixtureValue(`${form}/${name}.json`));

/** A copy of a fixture's payload with its images edited, decoded (schemaless). */
const edited = (name: string, edit: (payload: Record<string, unknown>) => Record<string, unknown>): ChangeEvent =>
  decode(edit(fixtureValue(`json/${name}.json`) as Record<string, unknown>));

const employees = new Map<number, Employee>([
  [7, { id: 7, name: 'Priya Raman', email: 'priya.raman@example.com', department: 'Engineering', created_at: null }],
  [9, { id: 9, name: 'Tomás Ortega', email: 'tomas.ortega@example.com', department: 'Finance', created_at: null }],
]);
const PROCESSED_AT = 1705311012999;
const enrich = createActivityEnricher({ lookupEmployee: (id) => employees.get(id), now: () => PROCESSED_AT });

describe.each(['json', 'json-with-schema'] as const)('createActivityEnricher (%s)', (form) => {
  it('gives +I of the after image for an insert, with every field', () => {
    expect(enrich(fixtureEvent(form, 'activity-create'))).toEqual([
      {
        kind: 'record',
        key: '7',
        record: {
          row_kind: '+I',
          op: 'c',
          id: 1001,
          employee_id: 7,
          activity_type: 'page_view',
          page_url: '/dashboard',
          duration_seconds: 45,
          ip_address: '192.168.1.20',
          user_agent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
          activity_timestamp: 1705311012345678,
          activity_hour: 9,
          session_duration_category: 'medium',
          is_business_hours: true,
          employee_name: 'Priya Raman',
          employee_department: 'Engineering',
          employee_known: true,
          source_lsn: 24100512,
          source_tx_id: 750,
          source_ts_ms: 1705311012412,
          processed_at: PROCESSED_AT,
        },
      },
    ]);
  });

  it('gives +I for a snapshot read, keeping op r', () => {
    expect(enrich(fixtureEvent(form, 'activity-snapshot-read'))).toMatchObject([
      { kind: 'record', key: '3', record: { row_kind: '+I', op: 'r', activity_hour: 8, is_business_hours: false, session_duration_category: 'short' } },
    ]);
  });

  it('keeps IPv6 addresses, and categorises a NULL duration as unknown', () => {
    expect(enrich(fixtureEvent(form, 'activity-create-ipv6-null-duration'))).toMatchObject([
      {
        kind: 'record',
        key: '12',
        record: {
          ip_address: '2001:db8:85a3::8a2e:370:7334',
          duration_seconds: null,
          session_duration_category: 'unknown',
          activity_hour: 17,
          is_business_hours: true,
        },
      },
    ]);
  });

  it('leaves an unknown employee null with employee_known false', () => {
    expect(enrich(fixtureEvent(form, 'activity-create-ipv6-null-duration'))).toMatchObject([
      { record: { employee_name: null, employee_department: null, employee_known: false } },
    ]);
  });

  it('gives -U of the before image and +U of the after image, each under its own employee', () => {
    const [retract, add] = enrich(fixtureEvent(form, 'activity-update-move'));
    expect(retract).toMatchObject({
      kind: 'record',
      key: '7',
      record: { row_kind: '-U', op: 'u', employee_id: 7, activity_type: 'page_view', activity_hour: 9, duration_seconds: 45, employee_name: 'Priya Raman' },
    });
    expect(add).toMatchObject({
      kind: 'record',
      key: '9',
      record: {
        row_kind: '+U',
        op: 'u',
        employee_id: 9,
        activity_type: 'click',
        activity_hour: 10,
        session_duration_category: 'long',
        employee_name: 'Tomás Ortega',
      },
    });
  });

  it('gives -D of the before image for a delete', () => {
    expect(enrich(fixtureEvent(form, 'activity-delete'))).toMatchObject([{ kind: 'record', key: '12', record: { row_kind: '-D', op: 'd', id: 1002 } }]);
  });

  it('gives one T record for a truncate', () => {
    expect(enrich(fixtureEvent(form, 'activity-truncate'))).toEqual([
      {
        kind: 'truncate',
        record: {
          row_kind: 'T',
          op: 't',
          id: null,
          employee_id: null,
          activity_type: null,
          page_url: null,
          duration_seconds: null,
          ip_address: null,
          user_agent: null,
          activity_timestamp: null,
          activity_hour: null,
          session_duration_category: null,
          is_business_hours: null,
          employee_name: null,
          employee_department: null,
          employee_known: false,
          source_lsn: 24102336,
          source_tx_id: 760,
          source_ts_ms: 1705345200000,
          processed_at: PROCESSED_AT,
        },
      },
    ]);
  });
});

describe('createActivityEnricher on images it cannot key or window', () => {
  const withAfter = (patch: Record<string, unknown>) => edited('activity-create', (p) => ({ ...p, after: { ...(p['after'] as object), ...patch } }));

  it('sends a NULL employee_id to the DLQ as missing_employee', () => {
    expect(enrich(withAfter({ employee_id: null }))).toEqual([
      { kind: 'invalid', reason: 'missing_employee', detail: 'activity 1001: after.employee_id is NULL', image: 'after' },
    ]);
  });

  it('sends a NULL activity_timestamp to the DLQ as missing_timestamp', () => {
    expect(enrich(withAfter({ activity_timestamp: null }))).toEqual([
      { kind: 'invalid', reason: 'missing_timestamp', detail: 'activity 1001: after.activity_timestamp is NULL', image: 'after' },
    ]);
  });

  it('judges each image of an update on its own', () => {
    const fromNull = edited('activity-update-move', (p) => ({ ...p, before: { ...(p['before'] as object), employee_id: null } }));
    expect(enrich(fromNull).map((o) => [o.kind, o.kind === 'invalid' ? o.reason : o.kind === 'record' ? o.record.row_kind : 'T'])).toEqual([
      ['invalid', 'missing_employee'],
      ['record', '+U'],
    ]);
    const toNull = edited('activity-update-move', (p) => ({ ...p, after: { ...(p['after'] as object), activity_timestamp: null } }));
    expect(enrich(toNull).map((o) => (o.kind === 'invalid' ? o.reason : o.kind))).toEqual(['record', 'missing_timestamp']);
  });

  it('reports an update without its before image as missing_before, and still gives +U', () => {
    const noBefore = edited('activity-update-move', (p) => ({ ...p, before: null }));
    expect(enrich(noBefore).map((o) => (o.kind === 'invalid' ? `${o.reason}:${o.image}` : o.kind))).toEqual(['missing_before:before', 'record']);
  });

  it.each([
    ['a timestamp that is not a number', { activity_timestamp: true }],
    ['a string employee_id', { employee_id: '7' }],
    ['a numeric activity_type', { activity_type: 3 }],
    ['a duration beyond 32 bits', { duration_seconds: 2 ** 40 }],
  ])('sends %s to the DLQ as invalid_field', (_, patch) => {
    expect(enrich(withAfter(patch))).toMatchObject([{ kind: 'invalid', reason: 'invalid_field', image: 'after' }]);
  });
});

describe('createActivityEnricher on every activity fixture, captured ones included', () => {
  const activityFixtures = (dir: string): string[] =>
    readdirSync(join(fixturesRoot, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return activityFixtures(path);
      return entry.name.startsWith('activity-') && entry.name.endsWith('.json') && fixtureValue(path) !== null ? [path] : [];
    });

  it.each(activityFixtures('.'))('%s', (path) => {
    const event = decode(fixtureValue(path));
    const outcomes: readonly EnrichmentOutcome[] = enrich(event);
    const expectedKinds = { c: ['+I'], r: ['+I'], u: ['-U', '+U'], d: ['-D'], t: ['T'] }[event.op];
    expect(outcomes).toHaveLength(expectedKinds.length);
    outcomes.forEach((outcome, i) => {
      if (outcome.kind === 'record') {
        expect(outcome.record.row_kind).toBe(expectedKinds[i]);
        expect(outcome.key).toBe(String(outcome.record.employee_id));
      } else if (outcome.kind === 'invalid') {
        expect(['missing_employee', 'missing_timestamp']).toContain(outcome.reason);
      } else {
        expect(event.op).toBe('t');
      }
    });
  });

  it('reads the NULL timestamp the JsonConverter wrote as 0 (captured) as NULL', () => {
    const event = decode(fixtureValue('captured/activity-4-c-null-employee-and-timestamp.json'));
    const withEmployee = { ...event, after: { ...event.after, employee_id: 7 } } as ChangeEvent;
    expect(enrich(withEmployee)).toMatchObject([{ kind: 'invalid', reason: 'missing_timestamp' }]);
  });
});
