import type { Env } from './config-error.js';

/**
 * The names of the environment settings a reader looks at, found by running it on an empty
 * environment that records each name asked for: a command's usage lists them without a second list
 * to keep in step. A reader that throws on the empty environment still reports what it read first.
 */
export const settingsReadBy = (...readers: readonly ((env: Env) => unknown)[]): readonly string[] => {
  const names = new Set<string>();
  const env = new Proxy({} as Env, {
    get: (_target, name) => {
      if (typeof name === 'string') names.add(name);
      return undefined;
    },
  });
  for (const read of readers) {
    try {
      read(env);
    } catch {
      // a setting that is required has no default: the names read so far are still the answer
    }
  }
  return [...names].sort();
};
