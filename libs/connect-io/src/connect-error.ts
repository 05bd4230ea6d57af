import { PipelineError, type ErrorKind } from '@eap/pipeline-config';

export type ConnectErrorCode = 'connect_unreachable' | 'plugin_missing' | 'wal_level' | 'rejected' | 'task_failed' | 'timeout';

const KIND: Readonly<Record<ConnectErrorCode, ErrorKind>> = {
  connect_unreachable: 'connection',
  plugin_missing: 'config',
  wal_level: 'config',
  rejected: 'config',
  task_failed: 'state',
  timeout: 'connection',
};

/** One error type for everything the Connect side can do wrong, with whether a retry may help. */
export class ConnectError extends PipelineError {
  override readonly name = 'ConnectError';
  constructor(
    override readonly code: ConnectErrorCode,
    message: string,
    override readonly context: { readonly retriable?: boolean; readonly status?: number; readonly trace?: string } = {},
  ) {
    super(KIND[code], code, message, context);
  }
}
