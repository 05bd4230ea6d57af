import { Kysely, PostgresDialect } from 'kysely';
import type { PgConnection } from './pg-connection.js';
import { createPgPool } from './pg-pool-factory.js';
import type { StreamingDb } from './streaming-db-schema.js';

/** A kysely handle on the source database; the caller destroys it. */
export const createStreamingDb = (c: PgConnection, { max = 2, applicationName = 'employee-pipeline' } = {}): Kysely<StreamingDb> =>
  new Kysely<StreamingDb>({ dialect: new PostgresDialect({ pool: createPgPool(c, { max, applicationName }) }) });
