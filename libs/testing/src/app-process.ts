import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { findRepoRoot } from '@eap/stack';

export interface AppProcess {
  readonly child: ChildProcess;
  /** Resolves with the first JSON log line whose event matches. */
  waitForEvent(event: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  readonly lines: readonly string[];
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Resolves with the exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
}

/** Starts one of our long-running apps as a real process (as `npx nx serve <app>` does). */
export const startApp = (
  app: string,
  env: Readonly<Record<string, string>>,
  args: readonly string[] = [],
  {
    nodeArgs = [],
    compiled = false,
  }: {
    /** Node's own flags, e.g. `--cpu-prof` (which NODE_OPTIONS does not take). */
    readonly nodeArgs?: readonly string[];
    /** The production build (`apps/<app>/dist/main.js`, plain node) instead of the sources through tsx. */
    readonly compiled?: boolean;
  } = {},
): AppProcess => {
  const entry = compiled ? [join('apps', app, 'dist', 'main.js')] : ['--conditions=@eap/source', '--import', 'tsx', join('apps', app, 'src', 'main.ts')];
  // NODE_OPTIONS=--conditions=@eap/source (npm test's) would send the build to the .ts sources.
  const { NODE_OPTIONS: _sourcesOnly, ...inherited } = process.env;
  const child = spawn('node', [...nodeArgs, ...entry, ...args], {
    cwd: findRepoRoot(),
    env: { ...(compiled ? inherited : process.env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { event: string; resolve: (v: Record<string, unknown>) => void }[] = [];
  let buffer = '';
  const onData = (d: Buffer) => {
    buffer += d.toString();
    let i: number;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      lines.push(line);
      if (!line.startsWith('{')) continue;
      try {
        const json = JSON.parse(line) as Record<string, unknown>;
        for (const w of waiters.filter((x) => x.event === json['event'])) w.resolve(json);
      } catch {
        // not a log line
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    lines,
    exited,
    waitForEvent: (event, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => l.includes(`"event":"${event}"`));
        if (seen) return resolve(JSON.parse(seen) as Record<string, unknown>);
        const timer = setTimeout(
          () => reject(new Error(`${app}: no ${event} within ${timeoutMs / 1000} s; last lines:\n${lines.slice(-15).join('\n')}`)),
          timeoutMs,
        );
        waiters.push({ event, resolve: (v) => (clearTimeout(timer), resolve(v)) });
        void exited.then((code) => reject(new Error(`${app} exited (${code}) before ${event}; last lines:\n${lines.slice(-15).join('\n')}`)));
      }),
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
};
