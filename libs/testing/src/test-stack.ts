import type { StackConnection } from '@eap/stack';
import type { PgConnection } from '@eap/pg-io';

/** The one interface tests reach their stack through, whichever provider started it. */
export interface TestStack {
  readonly provider: 'embedded' | 'testcontainers';
  readonly connection: StackConnection;
  /** Superuser connection to `database` (password included, for tests only). */
  pg(database: string): PgConnection;
  /** Where Connect reads the PostgreSQL password from (a file it can see). */
  readonly connectPasswordFile: string;
  /** Environment for running our apps against this stack. */
  readonly appEnv: Readonly<Record<string, string>>;
}
