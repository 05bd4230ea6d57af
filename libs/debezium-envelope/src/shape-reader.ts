import { describeValue, isNullish } from './value-guards.js';

/**
 * Reads typed fields out of an untyped object, remembering the first problem instead of throwing.
 * Getters return a placeholder after a problem; callers check `problem()` before using the result.
 */
export interface ShapeReader {
  string(key: string): string;
  nullableString(key: string): string | null;
  integer(key: string): number;
  nullableInteger(key: string): number | null;
  nullableOneOf<T extends string>(key: string, allowed: readonly T[]): T | null;
  problem(): string | undefined;
}

export const createShapeReader = (object: Readonly<Record<string, unknown>>, path: string): ShapeReader => {
  let first: string | undefined;
  const fail = <T>(key: string, expected: string, placeholder: T): T => {
    first ??= `${path}.${key} must be ${expected}, got ${describeValue(object[key])}`;
    return placeholder;
  };
  const nullable = <T>(key: string, read: (key: string) => T): T | null => (isNullish(object[key]) ? null : read(key));
  const string = (key: string): string => {
    const value = object[key];
    return typeof value === 'string' ? value : fail(key, 'a string', '');
  };
  const integer = (key: string): number => {
    const value = object[key];
    return Number.isSafeInteger(value) ? (value as number) : fail(key, 'an integer', 0);
  };
  return {
    string,
    integer,
    nullableString: (key) => nullable(key, string),
    nullableInteger: (key) => nullable(key, integer),
    nullableOneOf: (key, allowed) => nullable(key, (k) => allowed.find((a) => a === object[k]) ?? fail(k, `one of ${allowed.join(', ')}`, null)),
    problem: () => first,
  };
};
