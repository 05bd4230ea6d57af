import type { ChangeEvent, RowImage, RowReadResult, RowSchema } from '@eap/debezium-envelope';
import { createRowReader } from '@eap/debezium-envelope';
import type { Employee } from './employee-row.js';
import { readEmployeeRow } from './employee-row.js';

/** The employees the processor knows, by id, kept from the employees change stream. */
export type EmployeeTable = ReadonlyMap<number, Employee>;

/** Finds an employee by id: synchronous and pure (the table above, or a cache in front of PostgreSQL). */
export type EmployeeLookup = (employeeId: number) => Employee | undefined;

export interface EmployeeChangeRejection {
  readonly reason: 'invalid_field';
  readonly detail: string;
  readonly event: ChangeEvent;
}

export interface EmployeeFold {
  readonly table: EmployeeTable;
  readonly rejected: readonly EmployeeChangeRejection[];
}

export const emptyEmployeeTable: EmployeeTable = new Map();

/**
 * Applies a batch of `employees` change events in order: c, r and u upsert the after image (an
 * update that changes the id also removes the old id), d removes, t empties. Returns a new table
 * (copied once per batch) and the events whose rows did not validate, which change nothing.
 */
export const applyEmployeeChanges = (table: EmployeeTable, events: readonly ChangeEvent[]): EmployeeFold => {
  const next = new Map(table);
  const rejected: EmployeeChangeRejection[] = [];
  for (const event of events) {
    const problem = applyChange(next, event);
    if (problem !== undefined) rejected.push({ reason: 'invalid_field', detail: problem, event });
  }
  return { table: next, rejected };
};

const applyChange = (table: Map<number, Employee>, event: ChangeEvent): string | undefined => {
  switch (event.op) {
    case 't':
      table.clear();
      return undefined;
    case 'd': {
      const id = readId(event.before, event.columns);
      if (id.kind === 'invalid') return id.detail;
      table.delete(id.row);
      return undefined;
    }
    default: {
      const after = readEmployeeRow(event.after, event.columns, 'after');
      if (after.kind === 'invalid') return after.detail;
      const oldId = event.op === 'u' && event.before !== null ? readId(event.before, event.columns) : undefined;
      if (oldId?.kind === 'invalid') return oldId.detail;
      if (oldId !== undefined && oldId.row !== after.row.id) table.delete(oldId.row);
      table.set(after.row.id, after.row);
      return undefined;
    }
  }
};

const readId = (image: RowImage, columns: RowSchema | null): RowReadResult<number> => {
  const reader = createRowReader(image, columns, 'before');
  return reader.result(reader.int('id'));
};
