import { createWatermarkClock } from './watermark-clock.js';

const S = 1_000_000;

const clockAt = (start: number) => {
  let now = start;
  return { now: () => now, set: (t: number) => (now = t) };
};

describe('createWatermarkClock', () => {
  it('is null until the first event, then trails the highest event time by the grace', () => {
    const wall = clockAt(1000 * S);
    const clock = createWatermarkClock({ graceMicros: 60 * S, maxSkewMicros: 300 * S, idleAdvanceMicros: 0, now: wall.now });
    expect(clock.current()).toBeNull();
    clock.observe(900 * S);
    expect(clock.current()).toBe(840 * S);
    clock.observe(800 * S);
    expect(clock.current()).toBe(840 * S);
    clock.observe(950 * S);
    expect(clock.current()).toBe(890 * S);
  });

  it('never lets a row push it more than the skew ahead of the wall clock', () => {
    const wall = clockAt(1000 * S);
    const clock = createWatermarkClock({ graceMicros: 0, maxSkewMicros: 300 * S, idleAdvanceMicros: 0, now: wall.now });
    clock.observe(1_000_000 * S);
    expect(clock.current()).toBe(1300 * S);
    wall.set(2000 * S);
    clock.observe(1_000_000 * S);
    expect(clock.current()).toBe(2300 * S);
  });

  it('follows the wall clock after the idle time, when idle advance is on', () => {
    const wall = clockAt(1000 * S);
    const clock = createWatermarkClock({ graceMicros: 10 * S, maxSkewMicros: 0, idleAdvanceMicros: 30 * S, now: wall.now });
    clock.observe(990 * S);
    wall.set(1029 * S);
    clock.advanceIfIdle();
    expect(clock.current()).toBe(980 * S);
    wall.set(1030 * S);
    clock.advanceIfIdle();
    expect(clock.current()).toBe(1020 * S);
  });

  it('stays put without input when idle advance is off', () => {
    const wall = clockAt(1000 * S);
    const clock = createWatermarkClock({ graceMicros: 0, maxSkewMicros: 0, idleAdvanceMicros: 0, now: wall.now });
    wall.set(99_999 * S);
    clock.advanceIfIdle();
    expect(clock.current()).toBeNull();
  });

  it('starts from a restored watermark and never goes below it', () => {
    const clock = createWatermarkClock({ graceMicros: 0, maxSkewMicros: 0, idleAdvanceMicros: 0, now: () => 5000 * S, watermark: 4000 * S });
    clock.observe(100 * S);
    expect(clock.current()).toBe(4000 * S);
  });
});
