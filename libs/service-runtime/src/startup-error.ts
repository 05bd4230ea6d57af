import { describeFailure, PipelineError } from '@eap/pipeline-config';

/**
 * For `main().catch(...)`: a bad setting or an absent dependency at start becomes one JSON log line
 * and one plain line saying what to do, then exit 1. Only an unexpected error (a bug) shows its stack.
 */
export const exitOnStartupError =
  (app: string) =>
  (e: unknown): never => {
    const failure = describeFailure(e);
    const code = e instanceof PipelineError ? { kind: e.kind, code: e.code } : {};
    const line = JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'app.start_failed', app, ...code, message: (e as Error)?.message });
    process.stderr.write(`${line}\n✗ ${app}: ${failure.text}\n`);
    process.exit(1);
  };
