import type { RowImage, RowReadResult, RowSchema } from '@eap/debezium-envelope';
import { createRowReader } from '@eap/debezium-envelope';

/** A row of `employees` (manual section 4.1). */
export interface Employee {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly department: string;
  /** Wall-clock epoch micros. */
  readonly created_at: number | null;
}

/** The row schema Debezium 3.4 writes for `employees` (as captured from the connector). */
export const employeeColumns: RowSchema = [
  { field: 'id', type: 'int32', optional: false, default: 0 },
  { field: 'name', type: 'string', optional: false },
  { field: 'email', type: 'string', optional: false },
  { field: 'department', type: 'string', optional: false },
  { field: 'created_at', type: 'int64', optional: true, name: 'io.debezium.time.MicroTimestamp', version: 1, default: 0 },
];

export const readEmployeeRow = (image: RowImage, columns: RowSchema | null, label = 'row'): RowReadResult<Employee> => {
  const r = createRowReader(image, columns, label);
  return r.result({
    id: r.int('id'),
    name: r.string('name'),
    email: r.string('email'),
    department: r.string('department'),
    created_at: r.nullableTimestamp('created_at', 'null'), // carried along only
  });
};

/** A database row (as `SELECT id, name, email, department, created_at FROM employees` gives it) as the rules see an employee. */
export const employeeFromDatabaseRow = (row: {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly department: string;
  readonly created_at: Date | null;
}): Employee => ({
  id: row.id,
  name: row.name,
  email: row.email,
  department: row.department,
  created_at: row.created_at ? row.created_at.getTime() * 1000 : null,
});
