import type { ConsumedRecord } from '@eap/kafka-io';

/** The payload of a Debezium JSON-with-schema record, or null for a tombstone. For assertions only. */
export interface JsonChange {
  readonly key: Record<string, unknown>;
  readonly value: { op: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; source: Record<string, unknown> } | null;
}

export const decodeJsonChange = (r: ConsumedRecord): JsonChange => ({
  key: (JSON.parse(r.key!.toString()) as { payload: Record<string, unknown> }).payload,
  value: r.value ? (JSON.parse(r.value.toString()) as { payload: NonNullable<JsonChange['value']> }).payload : null,
});
