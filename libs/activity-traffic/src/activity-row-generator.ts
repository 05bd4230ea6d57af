import type { SeededRandom } from './seeded-random.js';
import { ACTIVITY_TYPES, FILES, PAGES, SEARCH_TERMS, USER_AGENTS } from './traffic-vocabulary.js';

/** One `employee_activities` row to insert (no id: the database assigns it). */
export interface ActivityRow {
  readonly employee_id: number;
  readonly activity_type: string;
  readonly page_url: string | null;
  readonly duration_seconds: number | null;
  readonly ip_address: string;
  readonly user_agent: string;
  /** Wall clock as stored (`timestamp without time zone`), ISO-8601 without a zone. */
  readonly activity_timestamp: string;
}

const HOUR_MS = 3_600_000;

/** ISO-8601 without the zone: the column stores the wall clock as given. */
export const wallClock = (ms: number): string => new Date(ms).toISOString().replace('Z', '');

const urlFor = (random: SeededRandom, type: string): string | null => {
  switch (type) {
    case 'login':
      return random.chance(0.8) ? '/login' : '/sso/callback';
    case 'logout':
      return random.chance(0.7) ? '/logout' : null;
    case 'search':
      return `/search?q=${random.pick(SEARCH_TERMS)}`;
    case 'download':
      return `/files/${random.pick(FILES)}`;
    case 'upload':
      return '/files/upload';
    case 'api_call':
      return `/api/v2/${random.pick(['tickets', 'projects', 'metrics', 'users'])}`;
    case 'click':
      return `${random.pick(PAGES)}#${random.pick(['save', 'share', 'filter', 'export', 'next'])}`;
    default:
      return random.pick(PAGES);
  }
};

/** Seconds on the activity: short clicks, longer page views; about 1 in 10 unknown (NULL). */
const durationFor = (random: SeededRandom, type: string): number | null => {
  if (random.chance(0.1)) return null;
  const typical = type === 'click' || type === 'logout' ? 3 : type === 'page_view' ? 90 : type === 'upload' || type === 'download' ? 40 : 15;
  // Log-normal-ish: most near the typical value, a long tail up to two hours.
  const factor = Math.exp((random.next() + random.next() + random.next() - 1.5) * 2);
  return Math.max(0, Math.min(7_200, Math.round(typical * factor)));
};

/** Office and VPN IPv4 ranges, and an IPv6 share from the documentation prefix. */
const ipFor = (random: SeededRandom): string =>
  random.chance(0.2)
    ? `2001:db8:${random.int(0, 0xffff).toString(16)}::${random.int(1, 0xffff).toString(16)}`
    : random.chance(0.7)
      ? `10.${random.int(0, 20)}.${random.int(0, 255)}.${random.int(1, 254)}`
      : `192.168.${random.int(0, 15)}.${random.int(1, 254)}`;

/**
 * A back-dated time within the last `maxHours`: mostly working hours (9-17, weekdays by the
 * wall clock), the rest off hours, as corrections to past windows look.
 */
const backdatedTime = (random: SeededRandom, nowMs: number, maxHours: number): number => {
  const working = random.chance(0.75);
  for (let attempt = 0; attempt < 20; attempt++) {
    const t = nowMs - random.int(1, maxHours) * HOUR_MS - random.int(0, HOUR_MS - 1);
    const hour = new Date(t).getUTCHours();
    if ((hour >= 9 && hour <= 17) === working) return t;
  }
  return nowMs - random.int(1, maxHours) * HOUR_MS;
};

export interface RowOptions {
  readonly employeeIds: readonly number[];
  /** Share of rows (0-1) timed in the past, to exercise corrections to closed windows. */
  readonly backdateShare: number;
  /** How far back a back-dated row may go (default 72 h, inside the 7-day retention). */
  readonly backdateMaxHours?: number;
}

/** A realistic activity row at `nowMs` (wall-clock epoch ms), or back-dated. */
export const generateActivityRow = (random: SeededRandom, nowMs: number, { employeeIds, backdateShare, backdateMaxHours = 72 }: RowOptions): ActivityRow => {
  const activity_type = random.weighted(ACTIVITY_TYPES);
  const at = random.chance(backdateShare) ? backdatedTime(random, nowMs, backdateMaxHours) : nowMs - random.int(0, 2_000);
  return {
    employee_id: random.pick(employeeIds),
    activity_type,
    page_url: urlFor(random, activity_type),
    duration_seconds: durationFor(random, activity_type),
    ip_address: ipFor(random),
    user_agent: random.weighted(USER_AGENTS),
    activity_timestamp: wallClock(at),
  };
};
