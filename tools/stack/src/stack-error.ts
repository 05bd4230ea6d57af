import { PipelineError } from '@eap/pipeline-config';
import type { ComponentName } from './stack-paths.js';

/** A failure of one component, with where to look. Printed as one paragraph, never a stack trace. */
export class StackError extends PipelineError {
  override readonly name = 'StackError';
  constructor(
    readonly component: ComponentName | 'stack',
    readonly reason: string,
    override readonly context: { readonly logFile?: string; readonly logTail?: string; readonly retriable?: boolean } = {},
  ) {
    super('state', 'stack_failed', `${component}: ${reason}`, context);
  }

  describe(): string {
    const lines = [`✗ ${this.component}: ${this.reason}`];
    if (this.context.logFile) lines.push(`  log: ${this.context.logFile}`);
    if (this.context.logTail) lines.push('  last lines:', ...this.context.logTail.split('\n').map((l) => `    ${l}`));
    return lines.join('\n');
  }
}
