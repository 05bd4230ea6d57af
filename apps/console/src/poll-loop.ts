/** Runs `fn` now and then `everyMs` after each run ends (never overlapping); errors go to `onError`. */
export const pollLoop = (fn: () => Promise<void>, everyMs: number, onError: (e: Error) => void): { stop(): void; now(): void } => {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running = false;
  const run = async () => {
    if (stopped || running) return;
    running = true;
    clearTimeout(timer);
    try {
      await fn();
    } catch (e) {
      onError(e as Error);
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(() => void run(), everyMs).unref();
    }
  };
  void run();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    now: () => void run(),
  };
};
