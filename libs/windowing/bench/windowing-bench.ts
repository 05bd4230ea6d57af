/**
 * Prints the window aggregator's throughput (changes applied per second, one thread) and its heap
 * per live window key at one million keys. Run: `npx nx run windowing:bench`. Figures, not a test.
 */
import { MICROS_PER_HOUR as HOUR, type ActivityChange, type WindowAggregator } from '../src/index.js';
import { createWindowAggregator, restoreWindowAggregator } from '../src/window-aggregator.js';

const BASE = Date.parse('2024-01-15T00:00:00Z') * 1000;
const TYPES = ['login', 'logout', 'page_view', 'click', 'search', 'download', 'upload', 'share', 'comment', 'print'];
const FLUSH_EVERY = 10_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

/** A deterministic generator (mulberry32), so every run measures the same stream. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** A changelog like the enrichment processor's: inserts, updates (half of them moving the row), deletes. */
const changelog = (length: number, employees: number, hours: number): ActivityChange[] => {
  const next = random(42);
  const rows: ActivityChange[] = [];
  const out: ActivityChange[] = [];
  const row = (): ActivityChange => ({
    row_kind: '+I',
    employee_id: 1 + Math.floor(next() * employees),
    activity_type: TYPES[Math.floor(next() * TYPES.length)] as string,
    activity_timestamp: BASE + Math.floor(next() * hours * HOUR),
    duration_seconds: next() < 0.1 ? null : Math.floor(next() * 600),
  });
  while (out.length < length) {
    const dice = next();
    if (dice < 0.6 || rows.length === 0) {
      const added = row();
      rows.push(added);
      out.push(added);
      continue;
    }
    const index = Math.floor(next() * rows.length);
    const old = rows[index] as ActivityChange;
    if (dice < 0.9) {
      const moved = next() < 0.5 ? row() : { ...old, duration_seconds: Math.floor(next() * 600) };
      rows[index] = moved;
      out.push({ ...old, row_kind: '-U' }, { ...moved, row_kind: '+U' });
    } else {
      rows[index] = rows[rows.length - 1] as ActivityChange;
      rows.pop();
      out.push({ ...old, row_kind: '-D' });
    }
  }
  return out.slice(0, length);
};

const now = () => BASE + 200 * HOUR;
const options = { now };

/** A flush as the aggregator app does it: the summaries, then the changelog taken (it would grow without bound otherwise). */
const flushed = (aggregator: WindowAggregator): number => aggregator.flush().length + aggregator.takeChangelog().length;

/** Applies the changes on a fresh aggregator, flushing every `flushEvery` (0: never), and times it. */
const throughput = (changes: readonly ActivityChange[], flushEvery: number) => {
  const aggregator = createWindowAggregator(options);
  const started = process.hrtime.bigint();
  let written = 0;
  for (let i = 0; i < changes.length; i++) {
    aggregator.apply(changes[i] as ActivityChange, i & 7);
    if (flushEvery > 0 && i % flushEvery === flushEvery - 1) written += flushed(aggregator);
  }
  if (flushEvery > 0) written += flushed(aggregator);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rate: changes.length / seconds, written, groups: aggregator.stats().groups };
};

const usedBytes = () => {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return { heapUsed, arrayBuffers };
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

console.log(`windowing bench (node ${process.version}, one thread)`);

// ---- memory at one million live keys, measured first, on a clean heap
const KEYS = 1_000_000;
const before = usedBytes();
const aggregator = createWindowAggregator(options);
for (let i = 0; i < KEYS; i++) {
  // 2,000 employees x 10 types x 50 hours: every key distinct.
  aggregator.apply(
    {
      row_kind: '+I',
      employee_id: 1 + (i % 2000),
      activity_type: TYPES[Math.floor(i / 2000) % 10] as string,
      activity_timestamp: BASE + Math.floor(i / 20_000) * HOUR + 1,
      duration_seconds: i % 600,
    },
    i & 7,
  );
  if (i % FLUSH_EVERY === FLUSH_EVERY - 1) flushed(aggregator);
}
flushed(aggregator);
const after = usedBytes();
const { liveKeys } = aggregator.stats();
const heap = after.heapUsed - before.heapUsed;
const buffers = after.arrayBuffers - before.arrayBuffers;
console.log(
  `memory: ${fmt(liveKeys)} live keys: heap ${mb(heap)} + typed arrays ${mb(buffers)} = ${mb(heap + buffers)}, ` +
    `${fmt((heap + buffers) / liveKeys)} bytes per live key (heapUsed + arrayBuffers deltas after gc)`,
);

// ---- snapshot and restore at one million keys (restart time)
let started = process.hrtime.bigint();
const snapshot = aggregator.snapshot();
const encodeMs = Number(process.hrtime.bigint() - started) / 1e6;
started = process.hrtime.bigint();
const restored = restoreWindowAggregator(snapshot, options);
const restoreMs = Number(process.hrtime.bigint() - started) / 1e6;
if (restored.kind !== 'ok' || restored.aggregator.stats().liveKeys !== liveKeys) throw new Error('restore failed');
console.log(`snapshot: ${mb(snapshot.byteLength)} for ${fmt(liveKeys)} keys, taken in ${fmt(encodeMs)} ms, restored in ${fmt(restoreMs)} ms`);

// ---- throughput
const CHANGES = 2_000_000;
const stream = changelog(CHANGES, 2_000, 50);
throughput(stream.slice(0, 200_000), FLUSH_EVERY); // warm-up
const measured = [1, 2, 3].map(() => throughput(stream, FLUSH_EVERY));
const runs = measured.map((m) => m.rate);
const best = Math.max(...runs);
const applyOnly = throughput(stream, 0);
const { groups, written } = measured[0] as { groups: number; written: number };
console.log(
  `throughput: ${fmt(CHANGES)} changes (+I/-U/+U/-D) over ${fmt(groups)} groups, ${fmt(written)} records written: ` +
    `${fmt(best)} changes/s with a flush every ${fmt(FLUSH_EVERY)} (best of 3: ${runs.map(fmt).join(', ')}); ` +
    `${fmt(applyOnly.rate)} changes/s apply alone`,
);

const perKey = (heap + buffers) / liveKeys;
console.log(`goals: >= 1,000,000 changes/s: ${best >= 1_000_000 ? 'met' : 'NOT met'}; <= 200 bytes per live key: ${perKey <= 200 ? 'met' : 'NOT met'}`);
