/** The parts of a V8 `.cpuprofile` (node --cpu-prof) that a summary needs. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly hitCount?: number;
  }[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface ProfileShare {
  readonly name: string;
  readonly share: number;
}

/** Where a frame's code lives: a package under node_modules, one of our projects, node itself, or V8. */
export const codeOwner = (url: string): string => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/(libs|apps|tools)\/([^/]+)\//.exec(url);
  if (ours) return `@eap/${ours[2]}`;
  if (url.startsWith('node:')) return 'node';
  return url === '' ? '(v8: gc, idle, native)' : url;
};

/** Self time by owner and by function, largest first, as shares of all samples. */
export const summariseCpuProfile = (
  profile: CpuProfile,
  top = 15,
): { readonly byOwner: readonly ProfileShare[]; readonly byFunction: readonly ProfileShare[] } => {
  const total = profile.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0) || 1;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const n of profile.nodes) {
    const hits = n.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    add(owners, codeOwner(url), hits);
    add(
      functions,
      `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|libs|apps|tools)\//, '$1/')}:${lineNumber + 1}` : ''}`.trim(),
      hits,
    );
  }
  const ranked = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, share: hits / total }));
  return { byOwner: ranked(owners), byFunction: ranked(functions) };
};

/** The share of samples spent working (not idle): the main thread's profile is the busiest. */
export const busyShare = (profile: CpuProfile): number => {
  const total = profile.nodes.reduce((n, x) => n + (x.hitCount ?? 0), 0) || 1;
  const idle = profile.nodes.filter((x) => x.callFrame.functionName === '(idle)').reduce((n, x) => n + (x.hitCount ?? 0), 0);
  return 1 - idle / total;
};
