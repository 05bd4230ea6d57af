import { PipelineError } from './pipeline-error.js';

/** A setting that is missing or malformed. The message always names the setting and what it allows. */
export class ConfigError extends PipelineError {
  override readonly name: string = 'ConfigError';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super('config', 'bad_setting', `${setting}: ${message}`, { retriable: false, setting });
  }
}

export type Env = Readonly<Record<string, string | undefined>>;
