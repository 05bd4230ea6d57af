import type { ComponentName } from './stack-paths.js';

/** `fatal`: waiting longer cannot help (a missing plugin), so `up` fails at once. */
export type HealthResult = { readonly ok: true; readonly detail?: string } | { readonly ok: false; readonly reason: string; readonly fatal?: boolean };

/** One server of the embedded stack, as the controller drives it. */
export interface StackComponent {
  readonly name: ComponentName;
  /** The settings and ports it listens on, to report a port held by someone else (`label`: `STACK_KAFKA_PORT + 100`). */
  readonly ports: readonly { readonly setting: string; readonly label?: string; readonly port: number }[];
  readonly address: string;
  readonly logFile: string;
  readonly dependsOn: readonly ComponentName[];
  /** Our recorded, live process, if any. */
  runningPid(): number | undefined;
  /** Writes config, formats storage: everything before the first start. Idempotent. */
  prepare(): Promise<void>;
  start(): Promise<number>;
  health(): Promise<HealthResult>;
  /** Work that needs the component healthy (databases for the others). Idempotent. */
  afterHealthy?(): Promise<void>;
  stop(): Promise<'stopped' | 'killed' | 'not-running'>;
  /** Ends it at once, as a crash would (SIGKILL; PostgreSQL: an immediate shutdown). */
  kill(): Promise<'killed' | 'not-running'>;
}
