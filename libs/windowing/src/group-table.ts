/** Flag bits per group. */
export const PUBLISHED = 1; // the last record written for the key is an upsert
export const DIRTY = 2; // changed (or closed) since the last flush

/** Activity type ids and partitions are packed into one word, so each has 15 bits. */
export const MAX_TYPE_ID = 0x7fff;
export const MAX_PARTITION = 0x7fff;

const INITIAL_CAPACITY = 1024;
const MAX_LOAD = 0.75;

/**
 * One slot is 8 int32 words (32 bytes, half a cache line), so a change touches one line:
 *   0 employee id · 1 type id (bits 0-14; 0 = empty slot), partition (bits 15-29), flags (bits 30-31)
 *   2 hour · 3 count(*) · 4 count(duration) · 5 revision · 6-7 sum(duration) as a float64
 */
const WORDS = 8;
const EMPLOYEE = 0;
const PACKED = 1;
const HOUR = 2;
const COUNT = 3;
const DURATIONS = 4;
const REVISION = 5;
const SUM = 3; // in float64 units: words 6-7
const TYPE_MASK = 0x7fff;
const PARTITION_SHIFT = 15;
const FLAGS_SHIFT = 30;

/**
 * The state of every window group, keyed by (employee id, activity type id, hour): open
 * addressing with linear probing over one typed array, no object per group and nothing for the
 * garbage collector to trace. Counts are signed: a retraction may arrive before its add.
 *
 * Slots move when the table grows or drops groups; look them up again after `slotOf` or
 * `retainHours`. Groups are never removed one at a time, only in bulk by `retainHours`.
 *
 * The groups of each hour are chained (one int32 per slot, beside the slots so these stay half a
 * cache line), so closing or releasing a window visits its groups only, not the whole capacity.
 * The table also counts its published groups, so nobody has to scan for them.
 */
export class GroupTable {
  private words!: Int32Array;
  private sums!: Float64Array;
  private mask = 0;
  private used = 0;
  private dirty = new Int32Array(64);
  private dirtyCount = 0;
  /** Per slot, the next slot of the same hour plus one (0 ends the chain). */
  private nextInHour!: Int32Array;
  /** Per hour holding groups, its most recently created slot plus one. */
  private readonly hourHeads = new Map<number, HourChain>();
  /** The chain of the last hour a group was created in: inserts come in runs of one hour (restores, replays), so most skip the map. */
  private lastChain: HourChain | undefined;
  private published = 0;

  constructor(capacity = INITIAL_CAPACITY) {
    this.allocate(capacity);
  }

  get size(): number {
    return this.used;
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /** Groups whose PUBLISHED flag is set: the keys whose latest record is an upsert. */
  get publishedCount(): number {
    return this.published;
  }

  /** The hours that hold groups, in no particular order. */
  hours(): IterableIterator<number> {
    return this.hourHeads.keys();
  }

  /**
   * The slots of the groups of these hours, ascending: the order a scan of the table would visit
   * them in, so callers that queue them (dirty marks, changelog tombstones) keep a stable order.
   */
  slotsOfHours(hours: readonly number[]): Int32Array {
    let n = 0;
    for (const hour of hours) for (let at = this.hourHeads.get(hour)?.head ?? 0; at !== 0; at = this.nextInHour[at - 1] as number) n++;
    const slots = new Int32Array(n);
    n = 0;
    for (const hour of hours) {
      for (let at = this.hourHeads.get(hour)?.head ?? 0; at !== 0; at = this.nextInHour[at - 1] as number) slots[n++] = at - 1;
    }
    return slots.sort();
  }

  isUsed(slot: number): boolean {
    return ((this.words[slot * WORDS + PACKED] as number) & TYPE_MASK) !== 0;
  }

  /** The slot of the group, created with zeroed state when absent. */
  slotOf(employee: number, type: number, hour: number): number {
    const words = this.words;
    for (let slot = hashOf(employee, type, hour) & this.mask; ; slot = (slot + 1) & this.mask) {
      const base = slot * WORDS;
      const t = (words[base + PACKED] as number) & TYPE_MASK;
      if (t === type && words[base + EMPLOYEE] === employee && words[base + HOUR] === hour) return slot;
      if (t !== 0) continue;
      if (this.used + 1 > this.capacity * MAX_LOAD) {
        this.rehash(this.capacity * 2, () => true);
        return this.slotOf(employee, type, hour);
      }
      words[base + EMPLOYEE] = employee;
      words[base + PACKED] = type;
      words[base + HOUR] = hour;
      const chain = this.chainOf(hour);
      this.nextInHour[slot] = chain.head;
      chain.head = slot + 1;
      this.used++;
      return slot;
    }
  }

  employee(slot: number): number {
    return this.words[slot * WORDS + EMPLOYEE] as number;
  }

  typeId(slot: number): number {
    return (this.words[slot * WORDS + PACKED] as number) & TYPE_MASK;
  }

  hour(slot: number): number {
    return this.words[slot * WORDS + HOUR] as number;
  }

  count(slot: number): number {
    return this.words[slot * WORDS + COUNT] as number;
  }

  durations(slot: number): number {
    return this.words[slot * WORDS + DURATIONS] as number;
  }

  sum(slot: number): number {
    return this.sums[slot * (WORDS / 2) + SUM] as number;
  }

  revision(slot: number): number {
    return (this.words[slot * WORDS + REVISION] as number) >>> 0;
  }

  partition(slot: number): number {
    return ((this.words[slot * WORDS + PACKED] as number) >>> PARTITION_SHIFT) & MAX_PARTITION;
  }

  flags(slot: number): number {
    return (this.words[slot * WORDS + PACKED] as number) >>> FLAGS_SHIFT;
  }

  /** Adds (sign 1) or retracts (sign -1) one row with the given duration, fed from the partition. */
  add(slot: number, sign: 1 | -1, duration: number | null, partition: number): void {
    const base = slot * WORDS;
    const words = this.words;
    words[base + COUNT] = (words[base + COUNT] as number) + sign;
    if (duration !== null) {
      words[base + DURATIONS] = (words[base + DURATIONS] as number) + sign;
      this.sums[slot * (WORDS / 2) + SUM] = (this.sums[slot * (WORDS / 2) + SUM] as number) + sign * duration;
    }
    const packed = words[base + PACKED] as number;
    words[base + PACKED] = (packed & ~(MAX_PARTITION << PARTITION_SHIFT)) | (partition << PARTITION_SHIFT);
  }

  /** Sets count, durations and sum (to zero on a truncate, or from a snapshot). */
  setState(slot: number, count: number, durations: number, sum: number): void {
    this.words[slot * WORDS + COUNT] = count;
    this.words[slot * WORDS + DURATIONS] = durations;
    this.sums[slot * (WORDS / 2) + SUM] = sum;
  }

  setRevision(slot: number, revision: number): void {
    this.words[slot * WORDS + REVISION] = revision;
  }

  /** Sets partition and flags, queueing the slot when DIRTY is among them. */
  setPartitionAndFlags(slot: number, partition: number, flags: number): void {
    const base = slot * WORDS;
    const packed = this.words[base + PACKED] as number;
    this.published += (flags & PUBLISHED) - ((packed >>> FLAGS_SHIFT) & PUBLISHED);
    this.words[base + PACKED] = (packed & TYPE_MASK) | (partition << PARTITION_SHIFT) | ((flags & ~DIRTY) << FLAGS_SHIFT);
    if (flags & DIRTY) this.markDirty(slot);
  }

  setPublished(slot: number, published: boolean): void {
    const base = slot * WORDS;
    const packed = this.words[base + PACKED] as number;
    this.published += (published ? 1 : 0) - ((packed >>> FLAGS_SHIFT) & PUBLISHED);
    this.words[base + PACKED] = published ? packed | (PUBLISHED << FLAGS_SHIFT) : packed & ~(PUBLISHED << FLAGS_SHIFT);
  }

  markDirty(slot: number): void {
    const base = slot * WORDS;
    const packed = this.words[base + PACKED] as number;
    if (packed & (DIRTY << FLAGS_SHIFT)) return;
    this.words[base + PACKED] = packed | (DIRTY << FLAGS_SHIFT);
    if (this.dirtyCount === this.dirty.length) {
      const grown = new Int32Array(this.dirty.length * 2);
      grown.set(this.dirty);
      this.dirty = grown;
    }
    this.dirty[this.dirtyCount++] = slot;
  }

  /** The dirty slots, in the order they became dirty, flags cleared; valid until the next change. */
  takeDirty(): Int32Array {
    const taken = this.dirty.subarray(0, this.dirtyCount);
    for (const slot of taken) this.words[slot * WORDS + PACKED] = (this.words[slot * WORDS + PACKED] as number) & ~(DIRTY << FLAGS_SHIFT);
    this.dirtyCount = 0;
    return taken;
  }

  /**
   * Keeps only the groups whose hour passes `keep`, shrinking the table when it can. The rebuild
   * reads the whole old table (open addressing has no cheaper delete); it runs when a window
   * passes retention, about once per hour of event time, not per batch.
   */
  retainHours(keep: (hour: number) => boolean): void {
    const dropped = [...this.hourHeads.keys()].filter((hour) => !keep(hour));
    const kept = this.used - this.slotsOfHours(dropped).length;
    let capacity = INITIAL_CAPACITY;
    while (kept + 1 > capacity * MAX_LOAD * 0.5) capacity *= 2;
    this.rehash(capacity, keep);
  }

  private chainOf(hour: number): HourChain {
    if (this.lastChain !== undefined && this.lastChain.hour === hour) return this.lastChain;
    let chain = this.hourHeads.get(hour);
    if (chain === undefined) this.hourHeads.set(hour, (chain = { hour, head: 0 }));
    return (this.lastChain = chain);
  }

  private allocate(capacity: number): void {
    const buffer = new ArrayBuffer(capacity * WORDS * 4);
    this.words = new Int32Array(buffer);
    this.sums = new Float64Array(buffer);
    this.mask = capacity - 1;
    this.used = 0;
    this.nextInHour = new Int32Array(capacity);
    this.hourHeads.clear();
    this.lastChain = undefined;
    this.published = 0;
  }

  private rehash(capacity: number, keepHour: (hour: number) => boolean): void {
    const old = this.words;
    this.allocate(capacity);
    this.dirtyCount = 0;
    for (let base = 0; base < old.length; base += WORDS) {
      const packed = old[base + PACKED] as number;
      if ((packed & TYPE_MASK) === 0 || !keepHour(old[base + HOUR] as number)) continue;
      const slot = this.slotOf(old[base + EMPLOYEE] as number, packed & TYPE_MASK, old[base + HOUR] as number);
      this.words.set(old.subarray(base, base + WORDS), slot * WORDS);
      if ((packed >>> FLAGS_SHIFT) & PUBLISHED) this.published++;
      if ((packed >>> FLAGS_SHIFT) & DIRTY) {
        this.words[slot * WORDS + PACKED] = packed & ~(DIRTY << FLAGS_SHIFT);
        this.markDirty(slot);
      }
    }
  }
}

/** One hour's chain of slots; mutable, as the table's own bookkeeping. */
interface HourChain {
  readonly hour: number;
  head: number;
}

/** A 32-bit mix of the three key parts (murmur3 finaliser). */
const hashOf = (employee: number, type: number, hour: number): number => {
  let h = Math.imul(employee, 0x9e3779b1) ^ Math.imul(type, 0x85ebca77) ^ Math.imul(hour, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h;
};
