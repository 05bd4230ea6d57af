import { spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync, rmSync, closeSync } from 'node:fs';

/** True when `pid` is alive and its command line mentions `marker` (so a recycled pid is not ours). */
export const isOurProcess = (pid: number | undefined, marker: string): pid is number => {
  if (!pid || pid <= 0) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return false;
  }
};

export const readPidFile = (file: string): number | undefined => {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]?.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

/** Starts a long-running server detached from us, its output appended to `logFile`. */
export const spawnDetached = (
  command: string,
  args: readonly string[],
  { cwd, logFile, pidFile, env = process.env }: { cwd: string; logFile: string; pidFile: string; env?: NodeJS.ProcessEnv },
): number => {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
    if (!child.pid) throw new Error(`could not start ${command}`);
    child.unref();
    writeFileSync(pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch {
    return false;
  }
};

const isZombie = (pid: number): boolean => {
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/**
 * Stops a process by its recorded pid: `signal` (TERM by default), then KILL once `timeoutMs` passes.
 * Returns how it ended.
 */
export const stopProcess = async (
  pid: number,
  { signal = 'SIGTERM', timeoutMs = 20_000, pidFile }: { signal?: NodeJS.Signals; timeoutMs?: number; pidFile?: string } = {},
): Promise<'stopped' | 'killed' | 'not-running'> => {
  if (!alive(pid)) {
    if (pidFile) rmSync(pidFile, { force: true });
    return 'not-running';
  }
  process.kill(pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) {
      if (pidFile) rmSync(pidFile, { force: true });
      return 'stopped';
    }
    await sleep(100);
  }
  process.kill(pid, 'SIGKILL');
  while (alive(pid)) await sleep(50);
  if (pidFile) rmSync(pidFile, { force: true });
  return 'killed';
};

/** SIGKILL, as a crash would; waits until the process is gone. */
export const killProcess = async (pid: number, { pidFile }: { pidFile?: string } = {}): Promise<'killed' | 'not-running'> => {
  if (!alive(pid)) return 'not-running';
  process.kill(pid, 'SIGKILL');
  while (alive(pid)) await sleep(50);
  if (pidFile) rmSync(pidFile, { force: true });
  return 'killed';
};

/**
 * A server tracked by its pid file and recognised by `marker` in its command line: the live pid, if it
 * is ours, a stop by that pid (`signal`, then KILL after `timeoutMs`) and a kill (KILL). `ownsPidFile`:
 * the file is ours to remove (PostgreSQL removes its own postmaster.pid).
 */
export const trackedProcess = (pidFile: string, marker: string, { signal = 'SIGTERM' as NodeJS.Signals, timeoutMs = 30_000, ownsPidFile = true } = {}) => ({
  runningPid: (): number | undefined => {
    const pid = readPidFile(pidFile);
    return isOurProcess(pid, marker) ? pid : undefined;
  },
  stop: async (): Promise<'stopped' | 'killed' | 'not-running'> => {
    const pid = readPidFile(pidFile);
    if (!isOurProcess(pid, marker)) return 'not-running';
    return stopProcess(pid, { signal, timeoutMs, ...(ownsPidFile ? { pidFile } : {}) });
  },
  kill: async (): Promise<'killed' | 'not-running'> => {
    const pid = readPidFile(pidFile);
    if (!isOurProcess(pid, marker)) return 'not-running';
    return killProcess(pid, ownsPidFile ? { pidFile } : {});
  },
});
