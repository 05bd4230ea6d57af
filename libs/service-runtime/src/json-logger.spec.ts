import { createJsonLogger } from './json-logger.js';

describe('createJsonLogger', () => {
  it('writes one JSON line per event at or above the level, with bindings', () => {
    const lines: string[] = [];
    const log = createJsonLogger({ level: 'info', write: (l) => lines.push(l) }).child({ app: 'x' });
    log.log('debug', 'x.hidden');
    log.log('warn', 'x.lag', { partition: 1 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', event: 'x.lag', app: 'x', partition: 1 });
    expect(lines[0]!.endsWith('\n')).toBe(true);
  });
});
