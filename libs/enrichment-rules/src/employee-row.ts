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
    created_at: r.nullableTimestamp('created_at'),
  });
};
