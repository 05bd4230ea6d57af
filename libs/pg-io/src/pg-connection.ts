import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, defineSettings, setting, stackDirSetting } from '@eap/pipeline-config';

/** Where and as whom to connect. The password never appears in a URL we print or log. */
export interface PgConnection {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly password?: string;
}

/** A bad PG* setting: the shared ConfigError (`PGPORT: must be ...`). */
export const PgConfigError = ConfigError;
export type PgConfigError = ConfigError;

/** `postgres://user@host:port/db`, without the password, for logs and status output. */
export const describePgConnection = (c: PgConnection): string =>
  `postgres://${encodeURIComponent(c.user)}@${c.host}:${c.port}/${encodeURIComponent(c.database)}`;

const text = (name: string, defaultText: string | undefined, describe: string) =>
  setting.string(name, { pattern: /^.+$/, accepts: 'text', ...(defaultText ? { defaultText } : {}), describe });

/**
 * The libpq variables users already know (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGPASSFILE).
 * The defaults point at the embedded stack: 127.0.0.1:5433, and the pgpass file it generates under
 * `<STACK_DIR or cwd/.stack>/secrets/pgpass`.
 */
export const pgSettings = defineSettings('postgres', {
  host: setting.string('PGHOST', {
    default: '127.0.0.1',
    pattern: /^[^\s]+$/,
    accepts: 'a host name, an IP address or a socket folder',
    describe: 'the database server',
  }),
  port: setting.int('PGPORT', { default: 5433, min: 1, max: 65535, accepts: 'a port number (1-65535)', describe: "the database server's port" }),
  user: text('PGUSER', '`postgres`', 'the database user'),
  database: text('PGDATABASE', '`PIPELINE_DATABASE`', 'the database, when a command does not name its own'),
  password: setting.string('PGPASSWORD', {
    pattern: /^[\s\S]*$/,
    accepts: 'the password',
    defaultText: 'from `PGPASSFILE`',
    describe: 'the password (better: a pgpass file)',
  }),
  passfile: text('PGPASSFILE', '`<STACK_DIR>/secrets/pgpass`', 'the pgpass file (`host:port:db:user:password`, `*` wildcards)'),
  stackDir: stackDirSetting,
});

/** Reads the PG* settings; a bad one throws a ConfigError naming it. The password comes from PGPASSWORD (as given) or the pgpass file. */
export const pgConnectionFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  { database = 'streaming_db', cwd = process.cwd() }: { database?: string; cwd?: string } = {},
): PgConnection => {
  const { host, port, user = 'postgres', database: db = database, passfile, stackDir } = pgSettings(env);
  const c = { host, port, user, database: db };
  const password = env['PGPASSWORD'] ?? readPgPass(passfile ?? join(stackDir ?? join(cwd, '.stack'), 'secrets', 'pgpass'), c);
  return { ...c, ...(password === undefined ? {} : { password }) };
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
