import type { Kysely } from 'kysely';
import { pgIoErrorOf } from './pg-io-error.js';
import type { StreamingDb } from './streaming-db-schema.js';

export interface EmployeeRecord {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly department: string;
  readonly created_at: Date | null;
}

/**
 * Employees by id, in one parameterised query. Ids not found are simply absent. Failures come as
 * `PgIoError`: a column or the table gone from under us is `database_refused` (the user's to fix).
 */
export const findEmployees = async (db: Kysely<StreamingDb>, ids: readonly number[]): Promise<readonly EmployeeRecord[]> => {
  if (ids.length === 0) return [];
  try {
    return await db
      .selectFrom('employees')
      .select(['id', 'name', 'email', 'department', 'created_at'])
      .where('id', 'in', [...ids])
      .execute();
  } catch (e) {
    throw pgIoErrorOf(e, 'looking employees up (SELECT id, name, email, department, created_at FROM employees)');
  }
};

/** Every employee's name and department, for showing and filtering by department. */
export const employeeDirectory = async (db: Kysely<StreamingDb>): Promise<ReadonlyMap<number, { readonly name: string; readonly department: string }>> =>
  new Map((await db.selectFrom('employees').select(['id', 'name', 'department']).execute()).map((e) => [e.id, { name: e.name, department: e.department }]));
