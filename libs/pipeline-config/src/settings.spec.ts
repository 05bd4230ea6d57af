import { ConfigError } from './config-error.js';
import { defineSettings, setting } from './settings.js';
import { renderSettingsTables, writeSettingsTables } from './settings-docs.js';
import { settingsReadBy } from './settings-read-by.js';

const inner = defineSettings('inner', { level: setting.oneOf('A_LEVEL', ['low', 'high'], { default: 'low', describe: 'how high' }) });
const outer = defineSettings(
  'outer',
  {
    count: setting.int('A_COUNT', { default: 3, min: 1, max: 9, describe: 'how many' }),
    max: setting.int('A_MAX', { min: 1, max: 99, defaultText: 'A_COUNT', describe: 'at most' }),
    hosts: setting.list('A_HOSTS', { default: 'a:1', item: /^\w+:\d+$/, accepts: 'host:port[,host:port...]', describe: 'where' }),
    on: setting.bool('A_ON', { default: false, describe: 'whether' }),
    inner,
  },
  {
    check: (v, { fail }) => {
      if (v.max !== undefined && v.max < v.count) fail('A_MAX', `a whole number from 1 to 99, at least A_COUNT (${v.count})`, String(v.max));
    },
    map: (v) => ({ ...v, max: v.max ?? v.count }),
  },
);

describe('defineSettings', () => {
  it('defaults unset and blank settings, trims the others', () => {
    expect(outer({ A_COUNT: ' ', A_HOSTS: ' b:2, c:3 ', A_ON: 'true' })).toEqual({
      count: 3,
      max: 3,
      hosts: ['b:2', 'c:3'],
      on: true,
      inner: { level: 'low' },
    });
  });

  it.each([
    [{ A_COUNT: '10' }, 'A_COUNT: must be a whole number from 1 to 9, got "10"'],
    [{ A_COUNT: '1.5' }, 'A_COUNT: must be a whole number from 1 to 9, got "1.5"'],
    [{ A_HOSTS: 'a:1,b' }, 'A_HOSTS: must be host:port[,host:port...], got "a:1,b"'],
    [{ A_ON: 'yes' }, 'A_ON: must be true or false, got "yes"'],
    [{ A_LEVEL: 'mid' }, 'A_LEVEL: must be low or high, got "mid"'],
    [{ A_COUNT: '5', A_MAX: '4' }, 'A_MAX: must be a whole number from 1 to 99, at least A_COUNT (5), got "4"'],
  ])('refuses %j naming the setting and what it accepts', (env, message) => {
    expect(() => outer(env)).toThrow(ConfigError);
    expect(() => outer(env)).toThrow(message);
  });

  it('reads every name before it validates one, so the usage lists them all', () => {
    expect(settingsReadBy(outer)).toEqual(['A_COUNT', 'A_HOSTS', 'A_LEVEL', 'A_MAX', 'A_ON']);
  });

  it('keeps what the docs show', () => {
    expect(outer.settings.map((s) => [s.name, s.default])).toEqual([
      ['A_COUNT', '3'],
      ['A_MAX', 'A_COUNT'],
      ['A_HOSTS', '`a:1`'],
      ['A_ON', '`false`'],
    ]);
    expect(outer.allSettings().map((s) => s.name)).toContain('A_LEVEL');
  });
});

describe('settings tables', () => {
  it('gives each setting one row, in the first group that reads it, and links the others', () => {
    const tables = renderSettingsTables([inner, outer]);
    expect(tables.get('inner')).toContain('| `A_LEVEL` | `low` | low or high | how high |');
    expect(tables.get('outer')).not.toContain('A_LEVEL');
    expect(tables.get('outer')).toContain('Also reads the settings of [inner](#settings-inner).');
  });

  it('rewrites only the marked sections and says what is missing', () => {
    const doc = 'prose\n<!-- settings:begin outer -->\nold\n<!-- settings:end -->\nmore prose\n<!-- settings:begin gone -->\n<!-- settings:end -->\n';
    const r = writeSettingsTables(doc, [inner, outer]);
    expect(r.text).toMatch(/^prose\n<!-- settings:begin outer -->\n<a id="settings-outer"><\/a>\n\n\| setting \|/);
    expect(r.text).toContain('<!-- settings:end -->\nmore prose');
    expect(r.text).not.toContain('old');
    expect(r).toMatchObject({ missing: ['inner'], unknown: ['gone'] });
    expect(writeSettingsTables(r.text, [inner, outer]).text).toBe(r.text);
  });
});
