import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { busyShare, summariseCpuProfile, type CpuProfile } from './cpu-profile-summary.js';
import type { DrainFigures } from './e2e-figures.js';

const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;

/** Where a profiled drain spent its CPU, from its busiest thread's profile: by package, then the hottest functions. */
export const cpuProfileText = (d: DrainFigures): string => {
  const files = d.profile && existsSync(d.profile) ? readdirSync(d.profile).filter((f) => f.endsWith('.cpuprofile')) : [];
  if (files.length === 0) return `cpu profile of ${d.app} (${d.format}): none written in ${d.profile ?? '-'}`;
  const [file, profile] = files
    .map((f) => [f, JSON.parse(readFileSync(join(d.profile!, f), 'utf8')) as CpuProfile] as const)
    .reduce((a, b) => (busyShare(b[1]) > busyShare(a[1]) ? b : a));
  const s = summariseCpuProfile(profile);
  return [
    `cpu profile of ${d.app} on the ${d.format} backlog (${join(d.profile!, file)}, busy ${pct(busyShare(profile)).trim()}), self time:`,
    ...s.byOwner.slice(0, 8).map((x) => `  ${pct(x.share)}  ${x.name}`),
    '  hottest functions:',
    ...s.byFunction.slice(0, 12).map((x) => `  ${pct(x.share)}  ${x.name}`),
    '',
  ].join('\n');
};
