/**
 * What kind of failure an error is, which says what its handler does:
 * - `config`: a setting or an input the user must fix (no retry helps);
 * - `connection`: a dependency not answering (the stack down, a broker moving): wait or retry;
 * - `protocol`: a dependency answered something we cannot use (a refused request, a broken response);
 * - `decode`: bytes that are not what their topic carries (they go to the DLQ, never stop a pipeline);
 * - `fencing`: another member owns the work now: stop this one, never retry it;
 * - `state`: the data or the cluster is in a state that must be looked at first (deleted input, a mismatch).
 */
export type ErrorKind = 'config' | 'connection' | 'protocol' | 'decode' | 'fencing' | 'state';

export interface ErrorContext {
  /** Whether trying again can help. */
  readonly retriable?: boolean;
  readonly cause?: unknown;
  readonly [detail: string]: unknown;
}

/**
 * The root of every error this project throws on purpose. Callers switch on `kind` and `code` (stable,
 * snake_case, documented where thrown), never on names or messages; `message` is for people.
 */
export class PipelineError extends Error {
  override readonly name: string = 'PipelineError';
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly context: ErrorContext = {},
  ) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
  }

  get retriable(): boolean {
    return this.context.retriable ?? false;
  }
}

/** How a command-line program or an app reports a failure that ends it: a line that says what to do, or the stack of a bug. */
export const describeFailure = (e: unknown): { readonly expected: boolean; readonly text: string } => {
  if (!(e instanceof PipelineError)) return { expected: false, text: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  if (e.kind === 'connection') return { expected: true, text: `a dependency is not reachable (${e.message}); is the stack up? npm run stack -- up` };
  return { expected: true, text: e.message };
};
