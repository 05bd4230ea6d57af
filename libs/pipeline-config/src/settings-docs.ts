import type { SettingInfo, SettingsSchema } from './settings.js';

type Schema = SettingsSchema<unknown>;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A group's own settings and those of the groups it includes that have no section of their own. */
const ownSettings = (schema: Schema, documented: ReadonlySet<string>): readonly SettingInfo[] => [
  ...schema.settings,
  ...schema.includes.filter((s) => !documented.has(s.id)).flatMap((s) => ownSettings(s, documented)),
];

/**
 * The tables of the documented groups, in order. Each setting has one row, in the first group that
 * declares it (itself or through an included group with no section of its own); a group that reads
 * settings documented elsewhere links to those groups.
 */
export const renderSettingsTables = (schemas: readonly Schema[]): ReadonlyMap<string, string> => {
  const documented = new Set(schemas.map((s) => s.id));
  const home = new Map<string, string>();
  for (const schema of schemas) for (const s of ownSettings(schema, documented)) if (!home.has(s.name)) home.set(s.name, schema.id);
  const row = (s: SettingInfo) => `| \`${s.name}\` | ${cell(s.default)} | ${cell(s.accepts)} | ${cell(s.description)} |`;
  return new Map(
    schemas.map((schema) => {
      const all = schema.allSettings();
      const rows = all.filter((s) => home.get(s.name) === schema.id);
      const also = [...new Set(all.map((s) => home.get(s.name) ?? schema.id).filter((id) => id !== schema.id))];
      const lines = rows.length ? ['| setting | default | accepts | meaning |', '|---|---|---|---|', ...rows.map(row)] : [];
      if (also.length) lines.push(...(rows.length ? [''] : []), `Also reads the settings of ${also.map((id) => `[${id}](#settings-${id})`).join(', ')}.`);
      return [schema.id, lines.join('\n')];
    }),
  );
};

const SECTION = /(<!-- settings:begin ([\w-]+) -->\n)([\s\S]*?)(<!-- settings:end -->)/g;

/**
 * `markdown` with each `<!-- settings:begin <id> -->` ... `<!-- settings:end -->` section replaced by
 * the table of the group of that id (an anchor, then the table). Also says which groups have no
 * section and which sections name no group, so a check can fail on either.
 */
export const writeSettingsTables = (
  markdown: string,
  schemas: readonly Schema[],
): { readonly text: string; readonly missing: readonly string[]; readonly unknown: readonly string[] } => {
  const tables = renderSettingsTables(schemas);
  const seen = new Set<string>();
  const unknown: string[] = [];
  const text = markdown.replace(SECTION, (all, begin: string, id: string, _body: string, end: string) => {
    const table = tables.get(id);
    if (table === undefined) {
      unknown.push(id);
      return all;
    }
    seen.add(id);
    return `${begin}<a id="settings-${id}"></a>\n\n${table}\n\n${end}`;
  });
  return { text, missing: schemas.map((s) => s.id).filter((id) => !seen.has(id)), unknown };
};
