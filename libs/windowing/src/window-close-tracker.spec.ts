import { createWindowCloseTracker } from './window-close-tracker.js';
import { windowEndOf } from './window-time.js';

describe('createWindowCloseTracker', () => {
  const hour = 473_000;

  it('closes each window once, when the watermark reaches its end', () => {
    const tracker = createWindowCloseTracker(null);
    const hours = [hour, hour + 1, hour + 2];
    expect(tracker.advance(null, hours)).toEqual([]);
    expect(tracker.advance(windowEndOf(hour) - 1, hours)).toEqual([]);
    expect(tracker.closedThrough()).toBe(windowEndOf(hour) - 1);
    expect(tracker.advance(windowEndOf(hour), hours)).toEqual([hour]);
    expect(tracker.advance(windowEndOf(hour), hours)).toEqual([]);
    expect(tracker.advance(windowEndOf(hour + 2), hours)).toEqual([hour + 1, hour + 2]);
  });

  it('never goes back, and continues from a restored point', () => {
    const tracker = createWindowCloseTracker(windowEndOf(hour));
    expect(tracker.advance(windowEndOf(hour - 1), [hour - 1])).toEqual([]);
    expect(tracker.closedThrough()).toBe(windowEndOf(hour));
    expect(tracker.advance(windowEndOf(hour + 1), [hour - 1, hour, hour + 1])).toEqual([hour + 1]);
  });
});
