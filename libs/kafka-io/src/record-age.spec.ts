import { findRecordTimestamp } from './record-age.js';

/** A partition's log as timestamps by offset, and ListOffsets-by-time over it (the end offset when none is that new). */
const log = (timestamps: readonly number[]) => {
  let calls = 0;
  const offsetAtTime = async (t: number): Promise<bigint> => {
    calls++;
    const i = timestamps.findIndex((ts) => ts >= t);
    return BigInt(i < 0 ? timestamps.length : i);
  };
  return { offsetAtTime, calls: () => calls };
};

const now = 1_800_000_000_000;

describe('findRecordTimestamp', () => {
  it('finds a record a few seconds old to the precision, in a handful of requests', async () => {
    const l = log([now - 9_000, now - 4_321, now - 4_000, now - 100]);
    const ts = await findRecordTimestamp({ offset: 1n, offsetAtTime: l.offsetAtTime, now, precisionMs: 50 });
    expect(ts).toBeLessThanOrEqual(now - 4_321);
    expect(ts).toBeGreaterThan(now - 4_321 - 50);
    expect(l.calls()).toBeLessThan(12);
  });

  it('goes back in doubling steps for an old record', async () => {
    const l = log([now - 5 * 3_600_000, now - 1_000]);
    const ts = await findRecordTimestamp({ offset: 0n, offsetAtTime: l.offsetAtTime, now, precisionMs: 100 });
    expect(now - ts!).toBeGreaterThanOrEqual(5 * 3_600_000);
    expect(now - ts!).toBeLessThan(5 * 3_600_000 + 100);
  });

  it('answers now for a record stamped in the future, and null for one older than the search goes back', async () => {
    expect(await findRecordTimestamp({ offset: 0n, offsetAtTime: log([now + 5_000]).offsetAtTime, now })).toBe(now);
    expect(await findRecordTimestamp({ offset: 0n, offsetAtTime: log([now - 40 * 24 * 3_600_000]).offsetAtTime, now })).toBeNull();
  });

  it('is exact for records with equal timestamps', async () => {
    const l = log([now - 3_000, now - 3_000, now - 3_000, now - 1_000]);
    const ts = await findRecordTimestamp({ offset: 2n, offsetAtTime: l.offsetAtTime, now, precisionMs: 1 });
    expect(ts).toBe(now - 3_000);
  });
});
