/** A setting that is missing or malformed. The message always names the setting and what it allows. */
export class ConfigError extends Error {
  override readonly name: string = 'ConfigError';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}

export type Env = Readonly<Record<string, string | undefined>>;
