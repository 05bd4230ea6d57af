import type { ComponentName } from './stack-paths.js';

/** A failure of one component, with where to look. Printed as one paragraph, never a stack trace. */
export class StackError extends Error {
  override readonly name = 'StackError';
  constructor(
    readonly component: ComponentName | 'stack',
    readonly reason: string,
    readonly context: { readonly logFile?: string; readonly logTail?: string; readonly retriable?: boolean } = {},
  ) {
    super(`${component}: ${reason}`);
  }

  get retriable(): boolean {
    return this.context.retriable ?? false;
  }

  describe(): string {
    const lines = [`✗ ${this.component}: ${this.reason}`];
    if (this.context.logFile) lines.push(`  log: ${this.context.logFile}`);
    if (this.context.logTail) lines.push('  last lines:', ...this.context.logTail.split('\n').map((l) => `    ${l}`));
    return lines.join('\n');
  }
}
