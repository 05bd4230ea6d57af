import { createWindowRetention } from './window-retention.js';
import { MICROS_PER_HOUR, windowEndOf } from './window-time.js';

describe('createWindowRetention', () => {
  const retention = createWindowRetention(2);
  const hour = 473_000;

  it('expires a window only once it ended more than retention before the watermark', () => {
    const end = windowEndOf(hour);
    expect(retention.isExpired(hour, end + 2 * MICROS_PER_HOUR)).toBe(false);
    expect(retention.isExpired(hour, end + 2 * MICROS_PER_HOUR + 1)).toBe(true);
    expect(retention.hours).toBe(2);
  });

  it('picks the expired hours, and none before the first watermark', () => {
    const watermark = windowEndOf(hour) + 2 * MICROS_PER_HOUR + 1;
    expect(retention.expiredHours([hour + 1, hour, hour - 5], watermark)).toEqual([hour, hour - 5]);
    expect(retention.expiredHours([hour - 5], null)).toEqual([]);
  });
});
