import { hostname } from 'node:os';
import type { Env, ProgramSpec } from '@eap/pipeline-config';
import { acceptCommandLine } from './accept-command-line.js';
import { createJsonLogger, type Logger, type LogLevel } from './json-logger.js';
import { onShutdownSignals } from './shutdown-signals.js';
import { exitOnStartupError } from './startup-error.js';

export interface ServiceContext {
  /** PIPELINE_INSTANCE_ID, or `<host name>-<process id>`: in every log line (`instance`) and in the group's member list. */
  readonly instanceId: string;
  readonly log: Logger;
  /**
   * For a consumer that stopped for good (fenced as a zombie, retries run out): log `event` and exit 1,
   * for the supervisor (npm start, systemd, Kubernetes) to start a fresh member.
   */
  readonly exitForRestart: (event: string) => (error: Error) => void;
}

export interface RunningService {
  /** Stops consuming and closes what the service opened; run once, on SIGTERM or SIGINT. */
  stop(): Promise<void>;
}

/**
 * The one bootstrap of a long-running app: the command line (`--help`, exit 2 on a bad one), the
 * settings, a JSON logger, `start`, then shutdown on signals. A failure before the service runs exits 1
 * with one line saying what to do (a setting, an unreachable dependency); only a bug shows its stack.
 * This lib is the one place that ends the process; the libs under it report and throw.
 */
export const runService = <Config extends { readonly logLevel: LogLevel; readonly instanceId?: string }>({
  app,
  program,
  readConfig,
  start,
  argv = process.argv.slice(2),
  env = process.env,
}: {
  app: string;
  program: ProgramSpec;
  readConfig: (env: Env) => Config;
  start: (config: Config, service: ServiceContext) => Promise<RunningService>;
  argv?: readonly string[];
  env?: Env;
}): void => {
  acceptCommandLine(argv, program);
  const run = async () => {
    const config = readConfig(env);
    const instanceId = config.instanceId ?? `${hostname()}-${process.pid}`;
    const log = createJsonLogger({ level: config.logLevel, bindings: { app, instance: instanceId } });
    const exitForRestart = (event: string) => (error: Error) => {
      log.log('error', event, { message: error.message, action: 'exiting for the supervisor to restart a fresh member' });
      process.exit(1);
    };
    const running = await start(config, { instanceId, log, exitForRestart });
    onShutdownSignals(() => running.stop());
  };
  run().catch(exitOnStartupError(app));
};
