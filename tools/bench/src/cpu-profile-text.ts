import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { busyShare, summariseCpuProfile, type CpuProfile } from './cpu-profile-summary.js';

const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;

/**
 * Where a profiled run spent its CPU, from the busiest thread's profile in `dir`: by package, then the
 * hottest functions. `what` names the run ("summary-aggregator on the avro backlog").
 */
export const cpuProfileText = (what: string, dir: string): string => {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  if (files.length === 0) return `cpu profile of ${what}: none written in ${dir}`;
  const [file, profile] = files
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile] as const)
    .reduce((a, b) => (busyShare(b[1]) > busyShare(a[1]) ? b : a));
  const s = summariseCpuProfile(profile);
  return [
    `cpu profile of ${what} (${join(dir, file)}, busy ${pct(busyShare(profile)).trim()}), self time:`,
    ...s.byOwner.slice(0, 8).map((x) => `  ${pct(x.share)}  ${x.name}`),
    '  hottest functions:',
    ...s.byFunction.slice(0, 12).map((x) => `  ${pct(x.share)}  ${x.name}`),
    '',
  ].join('\n');
};
