import { existsSync, readFileSync } from 'node:fs';
import { summariseCpuProfile, type CpuProfile } from './cpu-profile-summary.js';
import type { DrainFigures } from './e2e-figures.js';

const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)} %`;

/** Where a profiled drain spent its CPU: by package, then the hottest functions. */
export const cpuProfileText = (d: DrainFigures): string => {
  if (!d.profile || !existsSync(d.profile)) return `cpu profile of ${d.app} (${d.format}): not written (${d.profile ?? 'no file'})`;
  const s = summariseCpuProfile(JSON.parse(readFileSync(d.profile, 'utf8')) as CpuProfile);
  return [
    `cpu profile of ${d.app} on the ${d.format} backlog (${d.profile}), self time:`,
    ...s.byOwner.slice(0, 8).map((x) => `  ${pct(x.share)}  ${x.name}`),
    '  hottest functions:',
    ...s.byFunction.slice(0, 12).map((x) => `  ${pct(x.share)}  ${x.name}`),
    '',
  ].join('\n');
};
