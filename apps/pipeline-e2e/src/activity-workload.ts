import { sql } from '@eap/pg-io';
import type { TestPipeline } from '@eap/testing';

/** mulberry32: a small seeded PRNG, so a failing workload can be replayed from its seed. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TYPES = ['login', 'page_view', 'click', 'download', 'logout'];

export interface WorkloadCounts {
  readonly transactions: number;
  readonly inserts: number;
  readonly updates: number;
  readonly moves: number;
  readonly deletes: number;
  /** Rows inserted with a timestamp beyond retention: each is one `late` DLQ record. */
  readonly late: number;
  readonly nullEmployee: number;
  readonly nullTimestamp: number;
  readonly truncates: number;
}

export interface WorkloadOptions {
  readonly seed: number;
  readonly transactions: number;
  /** Called between transactions (to kill something mid-stream). */
  readonly between?: (transaction: number) => Promise<void>;
  readonly pauseMs?: number;
}

/**
 * A seeded random workload on one pipeline's database, as issue 6 asks: inserts, updates (some moving
 * a row to another employee, type or hour), deletes, NULL durations, timestamps over two days, some
 * back-dated inside retention and some beyond it, NULL employees and timestamps, and one TRUNCATE at
 * 60 %. Late and NULL rows are never touched again, so each gives exactly one DLQ record.
 */
export const runActivityWorkload = async (p: TestPipeline, { seed, transactions, between, pauseMs = 30 }: WorkloadOptions): Promise<WorkloadCounts> => {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const employees = (await p.db.selectFrom('employees').select('id').orderBy('id').limit(40).execute()).map((e) => e.id);
  const now = Date.now();
  const at = (ms: number) => new Date(ms).toISOString().replace('Z', '');
  const recent = () => at(now - 60_000 - Math.floor(random() * 2 * DAY));
  const insideRetention = () => at(now - 3 * DAY - Math.floor(random() * 3 * DAY));
  const beyondRetention = () => at(now - 9 * DAY - Math.floor(random() * DAY));
  const duration = () => (random() < 0.2 ? null : Math.floor(random() * 3_600));
  const counts = { transactions: 0, inserts: 0, updates: 0, moves: 0, deletes: 0, late: 0, nullEmployee: 0, nullTimestamp: 0, truncates: 0 };
  let live: number[] = [];

  // Every employee first, with a recent row: each partition's watermark is set before any back-dated row.
  await p.db
    .insertInto('employee_activities')
    .values(employees.map((employee_id) => ({ employee_id, activity_type: pick(TYPES), duration_seconds: duration(), activity_timestamp: at(now - 60_000) })))
    .execute();
  counts.inserts += employees.length;

  for (let t = 0; t < transactions; t++) {
    if (t === Math.floor(transactions * 0.6)) {
      await sql`TRUNCATE employee_activities`.execute(p.db);
      counts.truncates++;
      live = [];
    }
    await p.db.transaction().execute(async (tx) => {
      for (let op = 0; op < 8; op++) {
        const r = random();
        if (r < 0.45 || live.length < 5) {
          const kind = random();
          const row =
            kind < 0.04
              ? { employee_id: null, activity_timestamp: recent() }
              : kind < 0.08
                ? { employee_id: pick(employees), activity_timestamp: null }
                : kind < 0.12
                  ? { employee_id: pick(employees), activity_timestamp: beyondRetention() }
                  : { employee_id: pick(employees), activity_timestamp: kind < 0.25 ? insideRetention() : recent() };
          const [inserted] = await tx
            .insertInto('employee_activities')
            .values({ ...row, activity_type: pick(TYPES), duration_seconds: duration(), page_url: `/p/${Math.floor(random() * 50)}` })
            .returning('id')
            .execute();
          counts.inserts++;
          if (row.employee_id === null) counts.nullEmployee++;
          else if (row.activity_timestamp === null) counts.nullTimestamp++;
          else if (kind >= 0.08 && kind < 0.12) counts.late++;
          else live.push(inserted!.id);
        } else if (r < 0.85) {
          const id = pick(live);
          const move = random();
          const set =
            move < 0.25
              ? { employee_id: pick(employees) }
              : move < 0.45
                ? { activity_type: pick(TYPES) }
                : move < 0.65
                  ? { activity_timestamp: recent() }
                  : { duration_seconds: duration() };
          await tx.updateTable('employee_activities').set(set).where('id', '=', id).execute();
          counts.updates++;
          if (move < 0.65) counts.moves++;
        } else {
          const i = Math.floor(random() * live.length);
          await tx.deleteFrom('employee_activities').where('id', '=', live[i]!).execute();
          live.splice(i, 1);
          counts.deletes++;
        }
      }
    });
    counts.transactions++;
    await between?.(t);
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return counts;
};
