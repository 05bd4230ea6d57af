import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { decodeJsonEnvelope } from './json-envelope-decoder.js';
import { encodeJsonEnvelope } from './json-envelope-encoder.js';

/**
 * Every JSON file under fixtures/ is one Kafka record as the connector wrote it:
 * `{"key": <key JSON>, "value": <value JSON or null for a tombstone>}`. Events captured from the
 * running connector (fixtures/captured/) are covered by the same checks.
 */
const fixturesRoot = join(__dirname, 'fixtures');

const jsonFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });

const fixtures = jsonFiles(fixturesRoot).map((path) => {
  const record = JSON.parse(readFileSync(path, 'utf8')) as { key: unknown; value: unknown };
  return { name: relative(fixturesRoot, path), key: record.key, value: record.value };
});

describe('fixtures', () => {
  it('cover every op in both JSON forms', () => {
    const decoded = fixtures.map((f) => decodeJsonEnvelope(JSON.stringify(f.value)));
    const seen = new Set(decoded.map((d) => (d.kind === 'event' ? `${d.form}:${d.event.op}` : d.kind)));
    for (const form of ['json', 'json-with-schema']) {
      for (const op of ['c', 'u', 'd', 'r', 't']) expect(seen).toContain(`${form}:${op}`);
    }
    expect(seen).toContain('tombstone');
  });

  describe.each(fixtures)('$name', ({ key, value }) => {
    const result = decodeJsonEnvelope(value === null ? null : Buffer.from(JSON.stringify(value), 'utf8'));

    it('decodes (a null value is a tombstone)', () => {
      expect(result.kind).toBe(value === null ? 'tombstone' : 'event');
    });

    it('has a key exactly when it is not a truncate', () => {
      expect(key === null).toBe(result.kind === 'event' && result.event.op === 't');
    });

    if (result.kind !== 'event') return;
    const { event, form } = result;

    it('carries the images its op requires', () => {
      if (event.op === 'c' || event.op === 'r') expect(event.after).not.toBeNull();
      if (event.op === 'd') expect(event.before).not.toBeNull();
      if (event.op === 't') expect([event.before, event.after]).toEqual([null, null]);
    });

    it('re-encodes to the same JSON', () => {
      const columns = event.columns ?? undefined;
      expect(JSON.parse(encodeJsonEnvelope(event, { columns }))).toEqual(value);
    });

    if (form === 'json-with-schema') {
      it('decodes to the same event without its schema', () => {
        const bare = decodeJsonEnvelope(JSON.stringify((value as { payload: unknown }).payload));
        expect(bare).toEqual({ kind: 'event', form: 'json', event: { ...event, columns: null } });
      });
    }
  });
});
