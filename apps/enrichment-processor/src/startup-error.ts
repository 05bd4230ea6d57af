import { PgConfigError } from '@eap/pg-io';
import { ConfigError } from '@eap/pipeline-config';

/** A bad setting or an absent dependency at start: one clear line and exit 1, no stack trace. */
export const exitOnStartupError = (e: unknown): never => {
  const err = e as Error & { setting?: string };
  const known = e instanceof ConfigError || e instanceof PgConfigError;
  const connection = /ECONNREFUSED|Connection error|getaddrinfo|KafkaJSConnectionError|KafkaJSNumberOfRetriesExceeded/.test(`${err?.name} ${err?.message}`);
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'processor.start_failed', app: 'enrichment-processor', message: err?.message })}\n✗ enrichment-processor: ${
      known ? err.message : connection ? `a dependency is not reachable (${err.message}); is the stack up? npm run stack -- up` : (err?.stack ?? String(e))
    }\n`,
  );
  process.exit(1);
};
