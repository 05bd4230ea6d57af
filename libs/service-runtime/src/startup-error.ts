/**
 * For `main().catch(...)`: a bad setting or an absent dependency at start becomes one JSON log line
 * and one plain line saying what to do, then exit 1. Only an unexpected error shows its stack.
 */
export const exitOnStartupError =
  (app: string) =>
  (e: unknown): never => {
    const err = e as Error | undefined;
    const known =
      /ConfigError$/.test(err?.name ?? '') ||
      /ConfigError$/.test(err?.constructor?.name ?? '') ||
      (err as { code?: string } | undefined)?.code === 'input_position';
    const connection = /ECONNREFUSED|Connection error|getaddrinfo|KafkaJSConnectionError|KafkaJSNumberOfRetriesExceeded/.test(`${err?.name} ${err?.message}`);
    const why = known
      ? err?.message
      : connection
        ? `a dependency is not reachable (${err?.message}); is the stack up? npm run stack -- up`
        : (err?.stack ?? String(e));
    const line = JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'app.start_failed', app, message: err?.message });
    process.stderr.write(`${line}\n✗ ${app}: ${why}\n`);
    process.exit(1);
  };
