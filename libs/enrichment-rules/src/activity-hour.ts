import { MICROS_PER_DAY, MICROS_PER_HOUR } from '@eap/debezium-envelope';
import type { EnrichmentConfig } from './enrichment-config.js';

/** Hour 0-23 of a wall-clock timestamp (epoch micros read as UTC), as stored: no zone shift. */
export const activityHour = (timestampMicros: number): number => {
  const ofDay = ((timestampMicros % MICROS_PER_DAY) + MICROS_PER_DAY) % MICROS_PER_DAY;
  return Math.floor(ofDay / MICROS_PER_HOUR);
};

/** Between the first and last business hour, both inclusive (the manual: 9 to 17). */
export const isBusinessHour = (
  hour: number,
  { businessHoursStart, businessHoursEnd }: Pick<EnrichmentConfig, 'businessHoursStart' | 'businessHoursEnd'>,
): boolean => hour >= businessHoursStart && hour <= businessHoursEnd;
