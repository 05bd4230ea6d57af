import { z } from 'zod';
import { ConfigError, type Env } from './config-error.js';

/**
 * Settings declared once: each environment variable with its default, what it accepts and what it
 * means. The same declaration validates the value (with zod), names the setting in the error, lists
 * it in a command's `--help` and writes its row in docs/settings.md.
 */

/** One setting as the docs and the usage show it. */
export interface SettingInfo {
  readonly name: string;
  /** The default as the docs show it (markdown), or `-` when there is none. */
  readonly default: string;
  /** What it accepts, in words: the error message says the same (`must be <accepts>, got "..."`). */
  readonly accepts: string;
  readonly description: string;
}

/** One environment variable: `schema` turns its trimmed value (unset or blank: `undefined`) into `T`. */
export interface Setting<T> {
  readonly kind: 'setting';
  readonly info: SettingInfo;
  readonly schema: z.ZodType<T, string | undefined>;
}

type Values<S extends SettingsShape> = { readonly [K in keyof S]: S[K] extends Setting<infer T> ? T : S[K] extends SettingsSchema<infer R> ? R : never };

export type SettingsShape = Readonly<Record<string, Setting<unknown> | SettingsSchema<unknown>>>;

/** What a cross-setting check gets: the values, which settings the user set, and how to blame one. */
export interface CheckContext {
  /** The trimmed value the user gave, or undefined when the setting is unset (its default applies). */
  readonly raw: (name: string) => string | undefined;
  /** Throws the ConfigError `<name>: must be <accepts>, got "<got>"`. */
  readonly fail: (name: string, accepts: string, got: string) => never;
}

/** A group of settings: a reader `(env) => R` that also carries its declarations. */
export interface SettingsSchema<R> {
  (env: Env): R;
  readonly kind: 'schema';
  /** The group's name in docs/settings.md (`<!-- settings:begin <id> -->`). */
  readonly id: string;
  /** The settings declared in this group, in order (not those of the groups it includes). */
  readonly settings: readonly SettingInfo[];
  /** The groups it includes, each read as one value. */
  readonly includes: readonly SettingsSchema<unknown>[];
  /** Every setting this group reads, its own and its included groups', each once. */
  readonly allSettings: () => readonly SettingInfo[];
}

const fail = (name: string, accepts: string, got: string): never => {
  throw new ConfigError(name, `must be ${accepts}, got "${got}"`);
};

/**
 * Declares a group of settings read together. Each key of `shape` is a property of the result: a
 * setting (its value) or another group (its result). `check` validates across settings, naming them;
 * `map` shapes the result (derived defaults, units). Every name is read from `env` before any is
 * validated, so `settingsReadBy` sees them all even when one is bad.
 */
export const defineSettings = <S extends SettingsShape, R = Values<S>>(
  id: string,
  shape: S,
  options: { readonly check?: (v: Values<S>, ctx: CheckContext) => void; readonly map?: (v: Values<S>, env: Env) => R } = {},
): SettingsSchema<R> => {
  const entries = Object.entries(shape);
  const settings = entries.flatMap(([, s]) => (s.kind === 'setting' ? [s.info] : []));
  const includes = entries.flatMap(([, s]) => (s.kind === 'schema' ? [s] : []));
  const allSettings = (): readonly SettingInfo[] => {
    const byName = new Map<string, SettingInfo>();
    for (const [, s] of entries) for (const info of s.kind === 'setting' ? [s.info] : s.allSettings()) if (!byName.has(info.name)) byName.set(info.name, info);
    return [...byName.values()];
  };
  const read = (env: Env) => {
    const raws = new Map(allSettings().map((info) => [info.name, env[info.name]?.trim() || undefined]));
    const values = Object.fromEntries(
      entries.map(([key, s]) => {
        if (s.kind === 'schema') return [key, s(env)];
        const raw = raws.get(s.info.name);
        const parsed = s.schema.safeParse(raw);
        if (parsed.success) return [key, parsed.data];
        const own = parsed.error.issues.find((i) => i.code === 'custom' && i.params?.['own']);
        throw own ? new ConfigError(s.info.name, own.message) : fail(s.info.name, s.info.accepts, raw ?? '');
      }),
    ) as Values<S>;
    options.check?.(values, { raw: (name) => raws.get(name) ?? env[name]?.trim() ?? undefined, fail });
    return options.map ? options.map(values, env) : (values as unknown as R);
  };
  return Object.assign(read, { kind: 'schema' as const, id, settings, includes, allSettings });
};

interface Common<D> {
  readonly describe: string;
  readonly default?: D;
  /** The default as the docs show it, when it is worked out (`<PIPELINE_TOPIC_PREFIX>-...`) rather than fixed. */
  readonly defaultText?: string;
}

const make = <T>(name: string, accepts: string, schema: z.ZodType<T, string | undefined>, o: Common<unknown>, shown: (d: never) => string): Setting<T> => ({
  kind: 'setting',
  info: {
    name,
    default: o.defaultText ?? (o.default === undefined ? '-' : shown(o.default as never)),
    accepts,
    description: o.describe,
  },
  schema,
});

const code = (v: string) => `\`${v}\``;

/** Optional when it has no default: the value is then `undefined` when unset. */
type Maybe<T, D> = D extends undefined ? T | undefined : T;

const withDefault = <T>(schema: z.ZodType<T, string>, fallback: T | undefined): z.ZodType<T, string | undefined> =>
  schema.optional().transform((v) => (v === undefined ? (fallback as T) : v));

export const setting = {
  /** A whole number (digits only) within [min, max]. */
  int: <D extends number | undefined = undefined>(
    name: string,
    o: Common<D> & { readonly min: number; readonly max: number; readonly accepts?: string },
  ): Setting<Maybe<number, D>> =>
    make(
      name,
      o.accepts ?? `a whole number from ${o.min} to ${o.max}`,
      withDefault(
        z
          .string()
          .regex(/^\d{1,15}$/)
          .transform(Number)
          .pipe(z.number().int().min(o.min).max(o.max)),
        o.default,
      ),
      o,
      String,
    ) as Setting<Maybe<number, D>>,

  /** A decimal number within [min, max]. */
  number: <D extends number | undefined = undefined>(
    name: string,
    o: Common<D> & { readonly min: number; readonly max: number; readonly accepts?: string },
  ): Setting<Maybe<number, D>> =>
    make(
      name,
      o.accepts ?? `a number from ${o.min} to ${o.max}`,
      withDefault(
        z
          .string()
          .regex(/^\d+(\.\d+)?$/)
          .transform(Number)
          .pipe(z.number().min(o.min).max(o.max)),
        o.default,
      ),
      o,
      String,
    ) as Setting<Maybe<number, D>>,

  /** Text matching `pattern`; `accepts` says in words what that is. */
  string: <D extends string | undefined = undefined>(
    name: string,
    o: Common<D> & { readonly pattern: RegExp; readonly accepts: string },
  ): Setting<Maybe<string, D>> => make(name, o.accepts, withDefault(z.string().regex(o.pattern), o.default), o, code) as Setting<Maybe<string, D>>,

  /** One of a few words. */
  oneOf: <const V extends readonly [string, ...string[]], D extends V[number] | undefined = undefined>(
    name: string,
    values: V,
    o: Common<D>,
  ): Setting<Maybe<V[number], D>> =>
    make(
      name,
      `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`,
      withDefault(z.enum(values as unknown as [V[number], ...V[number][]]) as unknown as z.ZodType<V[number], string>, o.default),
      o,
      code,
    ) as Setting<Maybe<V[number], D>>,

  /** `true` or `false`. */
  bool: <D extends boolean | undefined = undefined>(name: string, o: Common<D>): Setting<Maybe<boolean, D>> =>
    make(
      name,
      'true or false',
      withDefault(
        z.enum(['true', 'false']).transform((v) => v === 'true'),
        o.default,
      ),
      o,
      (d: boolean) => code(String(d)),
    ) as Setting<Maybe<boolean, D>>,

  /** A comma-separated list, each item (trimmed) matching `item`. */
  list: <D extends string | undefined = undefined>(
    name: string,
    o: Common<D> & { readonly item: RegExp; readonly accepts: string },
  ): Setting<Maybe<readonly string[], D>> => {
    const list = z
      .string()
      .transform((v) => v.split(',').map((s) => s.trim()))
      .pipe(z.array(z.string().regex(o.item)).min(1));
    return make(name, o.accepts, withDefault(list, o.default === undefined ? undefined : o.default.split(',')), o, code) as unknown as Setting<
      Maybe<readonly string[], D>
    >;
  },

  /** Text that `parse` turns into `{ value }`, or refuses with a message of its own (`{ error }`, after `<name>: `). */
  custom: <T, D extends T | undefined = undefined>(
    name: string,
    o: Common<D> & {
      readonly accepts: string;
      readonly parse: (text: string) => { readonly value: T } | { readonly error: string };
      readonly show?: (d: T) => string;
    },
  ): Setting<Maybe<T, D>> =>
    make(
      name,
      o.accepts,
      withDefault(
        z.string().transform((text, ctx) => {
          const r = o.parse(text);
          if ('error' in r) {
            ctx.addIssue({ code: 'custom', message: r.error, params: { own: true } });
            return z.NEVER;
          }
          return r.value;
        }) as unknown as z.ZodType<T, string>,
        o.default as T | undefined,
      ),
      o,
      (o.show ?? String) as (d: never) => string,
    ) as Setting<Maybe<T, D>>,
};

/** An `http(s)://` URL; `path: false` for one with no path (`http(s)://host:port`). */
export const urlSetting = <D extends string | undefined = undefined>(name: string, o: Common<D> & { readonly path: boolean }): Setting<Maybe<string, D>> =>
  o.path
    ? setting.string(name, { ...o, pattern: /^https?:\/\/\S+$/, accepts: 'an http(s) URL' })
    : setting.string(name, { ...o, pattern: /^https?:\/\/[^/\s]+$/, accepts: 'http(s)://host:port with no path' });
