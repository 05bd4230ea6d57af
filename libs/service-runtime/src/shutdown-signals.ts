/**
 * Runs `stop` once on SIGTERM or SIGINT, then exits 0; a second signal, or `stop` taking longer than
 * `graceMs`, exits at once with 1.
 */
export const onShutdownSignals = (stop: () => Promise<void>, { graceMs = 15_000, log = (m: string) => void process.stderr.write(`${m}\n`) } = {}): void => {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`${signal}: stopping`);
    setTimeout(() => process.exit(1), graceMs).unref();
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        log(`stop failed: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
};
