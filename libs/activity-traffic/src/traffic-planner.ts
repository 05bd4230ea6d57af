import type { ActivityRow, RowOptions } from './activity-row-generator.js';
import { generateActivityRow, wallClock } from './activity-row-generator.js';
import { createSeededRandom } from './seeded-random.js';
import type { TrafficMix } from './traffic-mix.js';
import { ACTIVITY_TYPES, PAGES } from './traffic-vocabulary.js';

/** What an update changes: a duration, or a move to another type, employee or time (another window). */
export type ActivityUpdate =
  | { readonly duration_seconds: number | null }
  | { readonly activity_type: string; readonly page_url: string | null }
  | { readonly employee_id: number }
  | { readonly activity_timestamp: string };

export type TrafficOp =
  | { readonly kind: 'insert'; readonly row: ActivityRow }
  | { readonly kind: 'update'; readonly id: number; readonly set: ActivityUpdate }
  | { readonly kind: 'delete'; readonly id: number };

export type TrafficOpKind = TrafficOp['kind'];

export interface TrafficPlannerOptions extends RowOptions {
  readonly seed: number;
  readonly mix: TrafficMix;
  /** Wall-clock epoch ms for new rows' timestamps. */
  readonly now?: () => number;
  /** Rows remembered as targets for updates and deletes (the most recent; older rows stay untouched). */
  readonly maxTargets?: number;
}

export interface TrafficPlanner {
  /** The next `size` operations. Updates and deletes target distinct rows inserted by earlier committed batches. */
  plan(size: number): readonly TrafficOp[];
  /** After a batch committed: its inserts' ids (in order) become targets, its deleted rows stop being ones. */
  committed(ops: readonly TrafficOp[], insertedIds: readonly number[]): void;
  readonly targets: number;
}

/**
 * Seeded traffic: for one seed and the same committed ids, the same operations in the same order.
 * A failed batch is simply not `committed`, and the next `plan` goes on from there.
 */
export const createTrafficPlanner = ({ seed, mix, now = Date.now, maxTargets = 50_000, ...rowOptions }: TrafficPlannerOptions): TrafficPlanner => {
  if (rowOptions.employeeIds.length === 0) throw new RangeError('the simulator needs at least one employee');
  const random = createSeededRandom(seed);
  const ops: readonly (readonly [TrafficOpKind, number])[] = [
    ['insert', mix.insert],
    ['update', mix.update],
    ['delete', mix.delete],
  ];
  let targets: number[] = [];

  const updateFor = (nowMs: number): ActivityUpdate => {
    const what = random.weighted([
      ['duration', 50],
      ['type', 15],
      ['employee', 15],
      ['time', 20],
    ] as const);
    if (what === 'duration') return { duration_seconds: random.chance(0.1) ? null : random.int(0, 1_800) };
    if (what === 'type') return { activity_type: random.weighted(ACTIVITY_TYPES), page_url: random.pick(PAGES) };
    if (what === 'employee') return { employee_id: random.pick(rowOptions.employeeIds) };
    return { activity_timestamp: wallClock(nowMs - random.int(0, 3 * 3_600_000)) };
  };

  return {
    plan(size) {
      const nowMs = now();
      const used = new Set<number>();
      const planned: TrafficOp[] = [];
      for (let i = 0; i < size; i++) {
        const kind = random.weighted(ops);
        const target = kind === 'insert' || targets.length === 0 ? undefined : targets[random.int(0, targets.length - 1)];
        if (target === undefined || used.has(target)) {
          planned.push({ kind: 'insert', row: generateActivityRow(random, nowMs, rowOptions) });
          continue;
        }
        used.add(target);
        planned.push(kind === 'update' ? { kind, id: target, set: updateFor(nowMs) } : { kind: 'delete', id: target });
      }
      return planned;
    },
    committed(batch, insertedIds) {
      const deleted = new Set(batch.flatMap((op) => (op.kind === 'delete' ? [op.id] : [])));
      if (deleted.size > 0) targets = targets.filter((id) => !deleted.has(id));
      targets.push(...insertedIds);
      if (targets.length > maxTargets) targets = targets.slice(targets.length - maxTargets);
    },
    get targets() {
      return targets.length;
    },
  };
};
