import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Captured {
  readonly key: { payload: { id: number } } & Record<string, unknown>;
  readonly value: { payload: { after: Record<string, unknown>; source: Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown>;
}

/**
 * Real-shaped Debezium insert events (JSON with the schema wrapper, as the connector writes them):
 * the captured `c` event with its id, employee, type, duration, timestamp and source position varied.
 */
export const debeziumInsertEvents = (repoRoot: string, count: number, { firstLsn = 10_000_000_000 } = {}) => {
  const captured = JSON.parse(readFileSync(join(repoRoot, 'libs/debezium-envelope/src/fixtures/captured/activity-0-c.json'), 'utf8')) as Captured;
  const types = ['login', 'logout', 'page_view', 'click', 'search', 'download', 'upload'];
  const base = Date.UTC(2024, 0, 15, 8) * 1000;
  return Array.from({ length: count }, (_, i) => {
    const lsn = firstLsn + i * 100;
    const payload = {
      ...captured.value.payload,
      after: {
        ...captured.value.payload.after,
        id: i + 1,
        employee_id: 1 + (i % 300),
        activity_type: types[i % types.length],
        duration_seconds: i % 11 === 0 ? null : (i * 7) % 900,
        activity_timestamp: base + i * 1_000_000,
      },
      source: { ...captured.value.payload.source, lsn, txId: 1_000 + i, sequence: JSON.stringify([String(lsn - 50), String(lsn)]), ts_ms: Date.now() },
    };
    return { key: JSON.stringify({ ...captured.key, payload: { id: i + 1 } }), value: JSON.stringify({ ...captured.value, payload }) };
  });
};
