import { activityHour, isBusinessHour } from './activity-hour.js';
import { defaultEnrichmentConfig } from './enrichment-config.js';

/** Wall clock on 2024-01-15, as Debezium's MicroTimestamp (epoch micros read as UTC). */
const at = (time: string): number => {
  const [hms, fraction = '0'] = time.split('.');
  return Date.parse(`2024-01-15T${hms}Z`) * 1000 + Number(fraction.padEnd(6, '0'));
};

describe('activityHour', () => {
  it.each([
    ['00:00:00', 0],
    ['08:59:59.999999', 8],
    ['09:00:00', 9],
    ['17:59:59.999999', 17],
    ['18:00:00', 18],
    ['23:59:59.999999', 23],
  ])('%s is hour %s, with no zone shift', (time, hour) => {
    expect(activityHour(at(time))).toBe(hour);
  });

  it('reads hours before 1970 too', () => {
    expect(activityHour(-1)).toBe(23);
    expect(activityHour(Date.parse('1969-07-20T20:17:40Z') * 1000)).toBe(20);
  });
});

describe('isBusinessHour', () => {
  it.each([
    ['08:59:59.999999', false],
    ['09:00:00', true],
    ['17:59:59.999999', true],
    ['18:00:00', false],
  ])('%s is business hours: %s', (time, expected) => {
    expect(isBusinessHour(activityHour(at(time)), defaultEnrichmentConfig)).toBe(expected);
  });

  it('uses the configured hours', () => {
    const config = { businessHoursStart: 22, businessHoursEnd: 23 };
    expect([21, 22, 23].map((h) => isBusinessHour(h, config))).toEqual([false, true, true]);
  });
});
