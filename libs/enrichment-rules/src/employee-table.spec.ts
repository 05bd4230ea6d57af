import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeEvent } from '@eap/debezium-envelope';
import { decodeJsonEnvelope } from '@eap/debezium-envelope';
import { applyEmployeeChanges, emptyEmployeeTable } from './employee-table.js';

const fixturesRoot = join(__dirname, '..', '..', 'debezium-envelope', 'src', 'fixtures');

const event = (path: string, edit: (payload: Record<string, unknown>) => Record<string, unknown> = (p) => p): ChangeEvent => {
  const value = (JSON.parse(readFileSync(join(fixturesRoot, path), 'utf8')) as { value: Record<string, unknown> }).value;
  const payload = 'payload' in value ? { ...value, payload: edit(value['payload'] as Record<string, unknown>) } : edit(value);
  const result = decodeJsonEnvelope(JSON.stringify(payload));
  if (result.kind !== 'event') throw new Error(JSON.stringify(result));
  return result.event;
};

describe('applyEmployeeChanges', () => {
  it.each(['json', 'json-with-schema'])('folds snapshot reads, creates, updates and deletes (%s)', (form) => {
    const read = applyEmployeeChanges(emptyEmployeeTable, [event(`${form}/employee-snapshot-read.json`), event(`${form}/employee-create.json`)]);
    expect([...read.table.values()]).toEqual([
      { id: 7, name: 'Priya Raman', email: 'priya.raman@example.com', department: 'Engineering', created_at: 1704183300000000 },
      { id: 31, name: 'Dana Whitfield', email: 'dana.whitfield@example.com', department: 'Marketing', created_at: 1705305600123456 },
    ]);
    const updated = applyEmployeeChanges(read.table, [event(`${form}/employee-update.json`)]);
    expect(updated.table.get(31)?.department).toBe('Sales');
    const deleted = applyEmployeeChanges(updated.table, [event(`${form}/employee-delete.json`)]);
    expect([...deleted.table.keys()]).toEqual([7]);
    expect([read, updated, deleted].every((f) => f.rejected.length === 0)).toBe(true);
  });

  it('folds the captured events', () => {
    const { table, rejected } = applyEmployeeChanges(emptyEmployeeTable, [event('captured/employee-0-r.json'), event('captured/employee-1-u.json')]);
    expect(rejected).toEqual([]);
    expect(table.get(1)?.name).toBe('Alice Anders');
    expect(table.get(2)?.department).toBe('Marketing');
  });

  it('leaves the given table unchanged', () => {
    const before = applyEmployeeChanges(emptyEmployeeTable, [event('json/employee-create.json')]).table;
    applyEmployeeChanges(before, [event('json/employee-delete.json')]);
    expect([...before.keys()]).toEqual([31]);
  });

  it('empties the table on a truncate', () => {
    const { table } = applyEmployeeChanges(emptyEmployeeTable, [
      event('json/employee-create.json'),
      event('json/activity-truncate.json', (p) => ({ ...p, source: { ...(p['source'] as object), table: 'employees' } })),
    ]);
    expect(table.size).toBe(0);
  });

  it('moves an employee whose id changes', () => {
    const renumbered = event('json/employee-update.json', (p) => ({ ...p, after: { ...(p['after'] as object), id: 32 } }));
    const { table } = applyEmployeeChanges(emptyEmployeeTable, [event('json/employee-create.json'), renumbered]);
    expect([...table.keys()]).toEqual([32]);
  });

  it('rejects a change whose row does not validate, without applying it', () => {
    const bad = event('json/employee-update.json', (p) => ({ ...p, after: { ...(p['after'] as object), department: null } }));
    const { table, rejected } = applyEmployeeChanges(emptyEmployeeTable, [event('json/employee-create.json'), bad]);
    expect(table.get(31)?.department).toBe('Marketing');
    expect(rejected).toEqual([{ reason: 'invalid_field', detail: 'after.department must be a string, got null', event: bad }]);
  });
});
