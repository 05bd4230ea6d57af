import type { PgPool } from './pg-pool-factory.js';

/** Whether the slot exists and a walsender (a connector task) holds it. */
export const replicationSlotState = async (pool: PgPool, slot: string): Promise<'absent' | 'active' | 'inactive'> => {
  const { rows } = await pool.query<{ active: boolean }>('SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
  return rows.length === 0 ? 'absent' : rows[0]!.active ? 'active' : 'inactive';
};

/** Drops an inactive slot (PostgreSQL refuses an active one); nothing when it is gone already. */
export const dropReplicationSlot = async (pool: PgPool, slot: string): Promise<void> => {
  await pool.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [slot]);
};
