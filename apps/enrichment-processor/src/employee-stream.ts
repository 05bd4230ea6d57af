import { decodeJsonEnvelope, type ChangeEvent } from '@eap/debezium-envelope';
import type { Employee } from '@eap/enrichment-rules';
import type { InputRecord } from '@eap/kafka-io';
import type { EmployeeRecord } from '@eap/pg-io';

/** Change events of the employees topic; tombstones and undecodable records carry nothing to apply. */
export const employeeEvents = (records: readonly InputRecord[]): { events: ChangeEvent[]; rejected: number } => {
  const events: ChangeEvent[] = [];
  let rejected = 0;
  for (const r of records) {
    const d = decodeJsonEnvelope(r.value);
    if (d.kind === 'event') events.push(d.event);
    else if (d.kind === 'invalid') rejected += 1;
  }
  return { events, rejected };
};

/** A database row as the enrichment rules see an employee (created_at as wall-clock micros). */
export const employeeFromRow = (row: EmployeeRecord): Employee => ({
  id: row.id,
  name: row.name,
  email: row.email,
  department: row.department,
  created_at: row.created_at ? row.created_at.getTime() * 1000 : null,
});
