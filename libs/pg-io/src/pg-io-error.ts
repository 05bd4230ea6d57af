import { PipelineError } from '@eap/pipeline-config';

export type PgIoErrorCode = 'database_unreachable' | 'database_refused' | 'query_failed';

/** PostgreSQL's failures as ours (mapped by pgIoErrorOf): unreachable (connection, retriable), refused (config), or a failed query (protocol). */
export class PgIoError extends PipelineError {
  override readonly name = 'PgIoError';
  constructor(
    override readonly code: PgIoErrorCode,
    message: string,
    context: { readonly retriable: boolean; readonly sqlState?: string; readonly cause?: unknown },
  ) {
    super(code === 'database_unreachable' ? 'connection' : code === 'database_refused' ? 'config' : 'protocol', code, message, context);
  }
}

// Socket errors and SQLSTATEs that mean "no server to talk to now": class 08 (connection exception),
// 57P01-57P03 (shutting down, starting up). Class 28 (authorization), 3D000 (no such database), and a
// table, column or function that is not there or not ours to use (the schema changed under us; grants)
// are the user's to fix: no retry helps.
const SCHEMA_REFUSALS = new Set(['42P01', '42703', '42883', '42501']);
const SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN', 'EPIPE']);
const isUnreachable = (code: string) => SOCKET.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code);
const isRefused = (code: string) => code.startsWith('28') || code === '3D000' || SCHEMA_REFUSALS.has(code);

/**
 * A pg error as ours, at the adapter boundary, prefixed with what was being done (`migrating postgres://...`).
 * Ours pass unchanged; an error with neither a socket code nor a SQLSTATE is a bug and stays itself.
 */
export const pgIoErrorOf = (e: unknown, doing: string): unknown => {
  if (e instanceof PipelineError || !(e instanceof Error)) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return e;
  const message = `${doing}: ${e.message || code}`;
  if (isUnreachable(code)) return new PgIoError('database_unreachable', message, { retriable: true, sqlState: code, cause: e });
  if (isRefused(code)) return new PgIoError('database_refused', message, { retriable: false, sqlState: code, cause: e });
  if (/^[0-9A-Z]{5}$/.test(code)) return new PgIoError('query_failed', message, { retriable: code.startsWith('40'), sqlState: code, cause: e });
  return e;
};
