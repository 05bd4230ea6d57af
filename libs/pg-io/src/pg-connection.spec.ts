import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describePgConnection, pgConnectionFromEnv, readPgPass } from './pg-connection.js';
import { seedEmployees, DEPARTMENTS } from './migrations/employee-seed.js';

describe('pg connection settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pgpass-'));
  const passfile = join(dir, 'pgpass');
  writeFileSync(passfile, '# comment\nother:5433:*:postgres:nope\n127.0.0.1:5433:*:postgres:s3cr:et\n');

  it('reads the password from a pgpass file, wildcards and colons included', () => {
    expect(readPgPass(passfile, { host: '127.0.0.1', port: 5433, user: 'postgres', database: 'x' })).toBe('s3cr:et');
    expect(readPgPass(passfile, { host: '127.0.0.1', port: 5434, user: 'postgres', database: 'x' })).toBeUndefined();
    expect(readPgPass(join(dir, 'missing'), { host: 'h', port: 1, user: 'u', database: 'd' })).toBeUndefined();
  });

  it('takes the libpq variables with the embedded stack as default', () => {
    const c = pgConnectionFromEnv({ PGPASSFILE: passfile }, { database: 'streaming_db' });
    expect(c).toEqual({ host: '127.0.0.1', port: 5433, user: 'postgres', database: 'streaming_db', password: 's3cr:et' });
    expect(describePgConnection(c)).toBe('postgres://postgres@127.0.0.1:5433/streaming_db');
    expect(() => pgConnectionFromEnv({ PGPORT: 'x' })).toThrow(/^PGPORT: must be a port number \(1-65535\), got "x"$/);
  });

  it('seeds a few hundred employees with unique emails across departments', () => {
    const rows = seedEmployees();
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(rows.map((r) => r.email)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.department))).toEqual(new Set(DEPARTMENTS));
    expect(seedEmployees()).toEqual(rows); // deterministic
  });
});
