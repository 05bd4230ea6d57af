import avsc from 'avsc';
import type { schema } from 'avsc';
import { activitySummarySchema } from './activity-summary-schema.js';
import { processedActivitySchema } from './processed-activity-schema.js';
import { checkCompatibility } from './schema-compatibility.js';

type Fields = schema.RecordType['fields'];

const withFields = (base: schema.RecordType, change: (fields: Fields) => Fields): schema.RecordType => ({ ...base, fields: change(base.fields) });

const summary = {
  employee_id: 7,
  activity_type: 'click',
  window_start: 1705305600000000,
  window_end: 1705309200000000,
  activity_count: 3,
  duration_count: 2,
  total_duration: 75,
  avg_duration: 37.5,
  revision: 4,
  closed: false,
};

describe('checkCompatibility', () => {
  describe('adding an optional field', () => {
    const next = withFields(activitySummarySchema, (fields) => [
      ...fields,
      { name: 'employee_department', type: ['null', 'string'], default: null, doc: 'employees.department.' },
    ]);

    it('is FULL compatible', () => {
      expect(checkCompatibility(next, activitySummarySchema)).toEqual({ kind: 'compatible' });
    });

    it('keeps old readers working on new data, and lets new readers read old data', () => {
      const [oldType, newType] = [avsc.Type.forSchema(activitySummarySchema), avsc.Type.forSchema(next)];
      const newData = newType.toBuffer({ ...summary, employee_department: 'Engineering' });
      expect({ ...oldType.fromBuffer(newData, oldType.createResolver(newType)) }).toEqual(summary);
      const oldData = oldType.toBuffer(summary);
      expect({ ...newType.fromBuffer(oldData, newType.createResolver(oldType)) }).toEqual({ ...summary, employee_department: null });
    });
  });

  it('fails BACKWARD for a field added without a default, naming it', () => {
    const next = withFields(activitySummarySchema, (fields) => [...fields, { name: 'team', type: 'string', doc: 'The team.' }]);
    expect(checkCompatibility(next, activitySummarySchema, 'BACKWARD')).toEqual({
      kind: 'incompatible',
      problems: ['new schema reading old data: field team is missing and has no default'],
    });
    expect(checkCompatibility(next, activitySummarySchema, 'FORWARD')).toEqual({ kind: 'compatible' });
  });

  it('fails for a changed type, naming the field, in both directions', () => {
    const next = withFields(activitySummarySchema, (fields) => fields.map((f) => (f.name === 'employee_id' ? { ...f, type: 'string' } : f)));
    expect(checkCompatibility(next, activitySummarySchema)).toEqual({
      kind: 'incompatible',
      problems: [
        'new schema reading old data: field employee_id of type "int" cannot be read as "string"',
        'old schema reading new data: field employee_id of type "string" cannot be read as "int"',
      ],
    });
  });

  it('lists every problem, not only the first', () => {
    const next = withFields(processedActivitySchema, (fields) =>
      fields.map((f) => (f.name === 'id' ? { ...f, type: ['null', 'string'] } : f.name === 'op' ? { ...f, type: 'int' } : f)),
    );
    const result = checkCompatibility(next, processedActivitySchema, 'BACKWARD');
    expect(result.kind === 'incompatible' && result.problems.map((p) => p.split(':')[1]?.trim().split(' ')[1])).toEqual(['op', 'id']);
  });

  it('allows promoting int to long for new readers only', () => {
    const next = withFields(activitySummarySchema, (fields) => fields.map((f) => (f.name === 'employee_id' ? { ...f, type: 'long' } : f)));
    expect(checkCompatibility(next, activitySummarySchema, 'BACKWARD')).toEqual({ kind: 'compatible' });
    expect(checkCompatibility(next, activitySummarySchema, 'FORWARD')).toMatchObject({ kind: 'incompatible' });
  });

  describe('removing a field', () => {
    it('without a default: new readers cope (BACKWARD), running consumers break (FORWARD, FULL)', () => {
      const next = withFields(activitySummarySchema, (fields) => fields.filter((f) => f.name !== 'closed'));
      expect(checkCompatibility(next, activitySummarySchema, 'BACKWARD')).toEqual({ kind: 'compatible' });
      expect(checkCompatibility(next, activitySummarySchema)).toEqual({
        kind: 'incompatible',
        problems: ['old schema reading new data: field closed is missing and has no default'],
      });
    });

    it('with a default: FULL compatible', () => {
      const next = withFields(activitySummarySchema, (fields) => fields.filter((f) => f.name !== 'avg_duration'));
      expect(checkCompatibility(next, activitySummarySchema)).toEqual({ kind: 'compatible' });
    });
  });

  it('reads a renamed field through its alias', () => {
    const next = withFields(activitySummarySchema, (fields) => fields.map((f) => (f.name === 'closed' ? { ...f, name: 'is_closed', aliases: ['closed'] } : f)));
    expect(checkCompatibility(next, activitySummarySchema, 'BACKWARD')).toEqual({ kind: 'compatible' });
  });

  it('reports schemas that are not records', () => {
    expect(checkCompatibility('string', 'int', 'BACKWARD')).toMatchObject({
      kind: 'incompatible',
      problems: [expect.stringContaining('int cannot be read as string')],
    });
    expect(checkCompatibility('long', 'int', 'BACKWARD')).toEqual({ kind: 'compatible' });
  });
});
