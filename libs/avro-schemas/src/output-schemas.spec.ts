import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJsonEnvelope } from '@eap/debezium-envelope';
import type { ProcessedRecord } from '@eap/enrichment-rules';
import { createActivityEnricher } from '@eap/enrichment-rules';
import type { ActivitySummary } from '@eap/windowing';
import { createWindowAggregator } from '@eap/windowing';
import avsc from 'avsc';
import type { schema } from 'avsc';
import { activitySummarySchema } from './activity-summary-schema.js';
import { processedActivitySchema } from './processed-activity-schema.js';
import { checkCompatibility } from './schema-compatibility.js';

const fixtures = join(__dirname, '..', '..', 'debezium-envelope', 'src', 'fixtures', 'json-with-schema');

/** Real records: every activity fixture through the enricher. */
const processedRecords: ProcessedRecord[] = readdirSync(fixtures)
  .filter((name) => name.startsWith('activity-') && name !== 'activity-tombstone.json')
  .flatMap((name) => {
    const decoded = decodeJsonEnvelope(JSON.stringify((JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as { value: unknown }).value));
    if (decoded.kind !== 'event') throw new Error(name);
    return createActivityEnricher({
      lookupEmployee: (id) => (id === 7 ? { id, name: 'Priya Raman', email: 'p@example.com', department: 'Engineering', created_at: null } : undefined),
    })(decoded.event);
  })
  .flatMap((outcome) => (outcome.kind === 'invalid' ? [] : [outcome.record]));

/** Real summaries: those records through the aggregator. */
const summaries: ActivitySummary[] = (() => {
  const aggregator = createWindowAggregator({ now: () => Date.parse('2024-01-15T20:00:00Z') * 1000 });
  return processedRecords.flatMap((record) => {
    aggregator.apply(record, 0);
    return aggregator.flush().flatMap((o) => (o.kind === 'upsert' ? [o.summary] : []));
  });
})();

const cases = [
  { name: 'processed-employee-activities', schema: processedActivitySchema, values: processedRecords as readonly object[] },
  { name: 'employee-activity-summaries', schema: activitySummarySchema, values: summaries as readonly object[] },
];

describe.each(cases)('the $name value schema', ({ name, schema, values }) => {
  const type = avsc.Type.forSchema(schema);

  it('is exercised by real records of every kind', () => {
    expect(values.length).toBeGreaterThanOrEqual(name === 'employee-activity-summaries' ? 3 : 6);
    if (name === 'processed-employee-activities') {
      expect(new Set(values.map((v) => (v as ProcessedRecord).row_kind))).toEqual(new Set(['+I', '-U', '+U', '-D', 'T']));
    }
  });

  it('accepts the records, with no field undeclared, and round-trips them', () => {
    for (const value of values) {
      const paths: string[] = [];
      const valid = type.isValid(value, { noUndeclaredFields: true, errorHook: (path) => paths.push(path.join('.')) });
      expect({ valid, paths }).toEqual({ valid: true, paths: [] });
      expect({ ...type.fromBuffer(type.toBuffer(value)) }).toEqual(value);
    }
  });

  it('has the fields of the record type, in the same order', () => {
    for (const value of values) expect(schema.fields.map((f) => f.name)).toEqual(Object.keys(value));
  });

  it('documents every field, and gives nullable fields null first and a null default', () => {
    for (const field of schema.fields as schema.RecordType['fields']) {
      expect(field.doc?.length).toBeGreaterThan(10);
      if (Array.isArray(field.type)) expect([field.type[0], field.default]).toEqual(['null', null]);
    }
  });

  it('is FULL compatible with every version recorded in schema-history/, and the latest is this one', () => {
    const history = readdirSync(join(__dirname, 'schema-history'))
      .filter((file) => file.startsWith(`${name}.v`))
      .sort((a, b) => Number(/\.v(\d+)\./.exec(a)?.[1]) - Number(/\.v(\d+)\./.exec(b)?.[1]))
      .map((file) => JSON.parse(readFileSync(join(__dirname, 'schema-history', file), 'utf8')) as schema.RecordType);
    expect(history.at(-1)).toEqual(JSON.parse(JSON.stringify(schema)));
    for (const previous of history) expect(checkCompatibility(schema, previous)).toEqual({ kind: 'compatible' });
  });
});
