import { applyEmployeeChanges, emptyEmployeeTable, type Employee, type EmployeeTable } from '@eap/enrichment-rules';
import type { ChangeEvent } from '@eap/debezium-envelope';

/**
 * The employees the processor knows: the table kept from the employees topic, plus employees looked
 * up once in PostgreSQL when an activity names one the topic has not shown yet (a miss is remembered
 * too, so each id is asked at most once).
 */
export interface EmployeeDirectory {
  /** Applies the changes; returns why each one it could not apply was refused. */
  apply(events: readonly ChangeEvent[]): readonly string[];
  lookup(id: number): Employee | undefined;
  /** Looks the ids neither the table nor an earlier query knows up in the database. */
  resolve(ids: Iterable<number>): Promise<void>;
  readonly size: number;
}

export const createEmployeeDirectory = (queryDb: (ids: readonly number[]) => Promise<readonly Employee[]>): EmployeeDirectory => {
  let table: EmployeeTable = emptyEmployeeTable;
  const fromDb = new Map<number, Employee | null>();
  return {
    apply(events) {
      const fold = applyEmployeeChanges(table, events);
      table = fold.table;
      return fold.rejected.map((r) => r.detail);
    },
    lookup: (id) => table.get(id) ?? fromDb.get(id) ?? undefined,
    async resolve(ids) {
      const missing = [...new Set(ids)].filter((id) => !table.has(id) && !fromDb.has(id));
      if (missing.length === 0) return;
      const found = new Map((await queryDb(missing)).map((e) => [e.id, e]));
      for (const id of missing) fromDb.set(id, found.get(id) ?? null);
    },
    get size() {
      return table.size;
    },
  };
};
