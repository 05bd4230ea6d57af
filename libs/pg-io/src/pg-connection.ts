import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where and as whom to connect. The password never appears in a URL we print or log. */
export interface PgConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password?: string;
}

export class PgConfigError extends Error {
  override readonly name = 'PgConfigError';
}

/** `postgres://user@host:port/db`, without the password, for logs and status output. */
export const describePgConnection = (c: PgConnection): string =>
  `postgres://${encodeURIComponent(c.user)}@${c.host}:${c.port}/${encodeURIComponent(c.database)}`;

/**
 * Reads the libpq variables users already know (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD,
 * PGPASSFILE). The defaults point at the embedded stack: 127.0.0.1:5433, and the pgpass file it
 * generates under `<STACK_DIR or cwd/.stack>/secrets/pgpass`.
 */
export const pgConnectionFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  { database = 'streaming_db', cwd = process.cwd() }: { database?: string; cwd?: string } = {},
): PgConnection => {
  const port = Number(env['PGPORT'] ?? '5433');
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new PgConfigError(`PGPORT must be a port number (1-65535), got "${env['PGPORT']}"`);
  }
  const host = env['PGHOST'] ?? '127.0.0.1';
  const user = env['PGUSER'] ?? 'postgres';
  const db = env['PGDATABASE'] ?? database;
  const passfile = env['PGPASSFILE'] ?? join(env['STACK_DIR'] ?? join(cwd, '.stack'), 'secrets', 'pgpass');
  const password = env['PGPASSWORD'] ?? readPgPass(passfile, { host, port, user, database: db });
  return { host, port, user, database: db, ...(password === undefined ? {} : { password }) };
};

/** Looks a password up in a pgpass file (`host:port:db:user:password`, `*` wildcards). */
export const readPgPass = (file: string, c: Omit<PgConnection, 'password'>): string | undefined => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [host, port, db, user, ...rest] = line.split(':');
    const ok = (field: string | undefined, value: string) => field === '*' || field === value;
    if (ok(host, c.host) && ok(port, String(c.port)) && ok(db, c.database) && ok(user, c.user)) {
      return rest.join(':');
    }
  }
  return undefined;
};
