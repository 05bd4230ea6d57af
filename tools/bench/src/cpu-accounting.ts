import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc CPU times (USER_HZ, 100 on every common platform). */
const TICKS_PER_SECOND = 100;

/** Which component a process belongs to, from its command line; undefined for processes not ours to name. */
export type ProcessClassifier = (pid: number, cmdline: string) => string | undefined;

/** CPU seconds used so far, per component, and by the whole machine (all cores). */
export interface CpuSample {
  readonly at: number;
  readonly byComponent: ReadonlyMap<string, number>;
  readonly machineBusy: number;
}

/** CPU seconds one component used between two samples, and its share of the machine's capacity then. */
export interface CpuUse {
  readonly component: string;
  readonly seconds: number;
}

/** utime + stime of a /proc/<pid>/stat line, in seconds (the command name may hold spaces and parentheses). */
export const processCpuSeconds = (statLine: string): number => {
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
};

/** Busy seconds of all cores from /proc/stat's first line (everything but idle and iowait). */
export const machineBusySeconds = (procStat: string): number => {
  const [, ...ticks] = (procStat.split('\n')[0] ?? '').trim().split(/\s+/).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
};

/** The embedded stack's servers and PostgreSQL by command line, then the pids named by the caller. */
export const stackClassifier =
  (named: Readonly<Record<string, number | undefined>>): ProcessClassifier =>
  (pid, cmdline) => {
    for (const [name, p] of Object.entries(named)) if (p === pid) return name;
    if (cmdline.includes('ConnectDistributed')) return 'connect';
    if (cmdline.includes('kafka.Kafka')) return 'kafka';
    if (/apicurio|quarkus-run/.test(cmdline)) return 'registry';
    if (/^postgres\b|\/postgres\0/.test(cmdline)) return 'postgres';
    return undefined;
  };

const read = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended between listing and reading
  }
};

/** Every process's CPU so far, summed per component, and the machine's busy time. */
export const sampleCpu = (classify: ProcessClassifier): CpuSample => {
  const byComponent = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const component = classify(pid, read(`/proc/${pid}/cmdline`) ?? '');
    const stat = component === undefined ? undefined : read(`/proc/${pid}/stat`);
    if (component !== undefined && stat !== undefined) byComponent.set(component, (byComponent.get(component) ?? 0) + processCpuSeconds(stat));
  }
  return { at: performance.now(), byComponent, machineBusy: machineBusySeconds(read('/proc/stat') ?? 'cpu 0') };
};

/**
 * Each component's CPU between two samples, busiest first, with `other` for the machine's busy time
 * no named component used. A process that ended in between is missing from the later sample and
 * is left out rather than counted negative.
 */
export const cpuBetween = (before: CpuSample, after: CpuSample): readonly CpuUse[] => {
  const uses = [...after.byComponent].map(([component, seconds]) => ({ component, seconds: Math.max(0, seconds - (before.byComponent.get(component) ?? 0)) }));
  const named = uses.reduce((n, u) => n + u.seconds, 0);
  uses.push({ component: 'other', seconds: Math.max(0, after.machineBusy - before.machineBusy - named) });
  return uses.sort((a, b) => b.seconds - a.seconds);
};
