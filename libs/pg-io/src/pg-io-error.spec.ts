import { ConfigError } from '@eap/pipeline-config';
import { PgIoError, pgIoErrorOf } from './pg-io-error.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('pg errors at the adapter boundary', () => {
  it.each([
    ['a refused socket', withCode('connect ECONNREFUSED 127.0.0.1:5433', 'ECONNREFUSED'), 'database_unreachable', 'connection', true],
    ['a server starting up', withCode('the database system is starting up', '57P03'), 'database_unreachable', 'connection', true],
    ['a wrong password', withCode('password authentication failed for user "postgres"', '28P01'), 'database_refused', 'config', false],
    ['a missing database', withCode('database "nope" does not exist', '3D000'), 'database_refused', 'config', false],
    ['a serialization failure', withCode('could not serialize access', '40001'), 'query_failed', 'protocol', true],
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601'), 'query_failed', 'protocol', false],
    ['a column dropped under us', withCode('column "email" does not exist', '42703'), 'database_refused', 'config', false],
    ['a table dropped under us', withCode('relation "employees" does not exist', '42P01'), 'database_refused', 'config', false],
    ['no privilege', withCode('permission denied for table employees', '42501'), 'database_refused', 'config', false],
  ])('%s', (_what, error, code, kind, retriable) => {
    const mapped = pgIoErrorOf(error, 'migrating postgres://postgres@127.0.0.1:5433/db') as PgIoError;
    expect(mapped).toBeInstanceOf(PgIoError);
    expect({ code: mapped.code, kind: mapped.kind, retriable: mapped.retriable, cause: mapped.cause }).toEqual({ code, kind, retriable, cause: error });
    expect(mapped.message).toBe(`migrating postgres://postgres@127.0.0.1:5433/db: ${error.message}`);
  });

  it('leaves our errors and bugs as they are', () => {
    const ours = new ConfigError('PGPORT', 'bad');
    const bug = new TypeError('x is not a function');
    expect(pgIoErrorOf(ours, 'x')).toBe(ours);
    expect(pgIoErrorOf(bug, 'x')).toBe(bug);
  });
});
