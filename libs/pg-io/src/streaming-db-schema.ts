import type { ColumnType, Generated } from 'kysely';

/** The source tables of the manual's section 4.1, as kysely sees them. */
export interface EmployeesTable {
  readonly id: Generated<number>;
  readonly name: string;
  readonly email: string;
  readonly department: string;
  readonly created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface EmployeeActivitiesTable {
  readonly id: Generated<number>;
  readonly employee_id: number | null;
  readonly activity_type: string;
  readonly page_url: string | null;
  readonly duration_seconds: number | null;
  readonly ip_address: string | null;
  readonly user_agent: string | null;
  readonly activity_timestamp: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface DebeziumHeartbeatTable {
  readonly id: number;
  readonly beat_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface StreamingDb {
  readonly employees: EmployeesTable;
  readonly employee_activities: EmployeeActivitiesTable;
  readonly debezium_heartbeat: DebeziumHeartbeatTable;
}
