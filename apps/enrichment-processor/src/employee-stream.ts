import type { ChangeEvent } from '@eap/debezium-envelope';
import { employeeFromDatabaseRow, type Employee } from '@eap/enrichment-rules';
import type { InputRecord } from '@eap/kafka-io';
import type { EmployeeRecord } from '@eap/pg-io';
import type { InputDecoder } from '@eap/kafka-io';

/**
 * Change events of the employees topic, in every form the activities topic accepts (JSON or Avro);
 * tombstones carry nothing to apply, undecodable records are returned with why.
 */
export const employeeEvents = async (records: readonly InputRecord[], input: InputDecoder): Promise<{ events: ChangeEvent[]; rejected: string[] }> => {
  const events: ChangeEvent[] = [];
  const rejected: string[] = [];
  await input.prepare(records.map((r) => r.value));
  for (const r of records) {
    const d = input.decode(r.value);
    if (d.kind === 'event') events.push(d.event);
    else if (d.kind === 'invalid') rejected.push(`${d.reason}: ${d.detail}`);
  }
  return { events, rejected };
};

/** A database row as the enrichment rules see an employee (created_at as wall-clock micros). */
export const employeeFromRow = (row: EmployeeRecord): Employee => employeeFromDatabaseRow(row);
