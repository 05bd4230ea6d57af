/** One error type for everything the Connect side can do wrong, with whether a retry may help. */
export class ConnectError extends Error {
  override readonly name = 'ConnectError';
  constructor(
    readonly code: 'connect_unreachable' | 'plugin_missing' | 'database_unreachable' | 'wal_level' | 'rejected' | 'task_failed' | 'timeout',
    message: string,
    readonly context: { readonly retriable?: boolean; readonly status?: number; readonly trace?: string } = {},
  ) {
    super(message);
  }

  get retriable(): boolean {
    return this.context.retriable ?? false;
  }
}
