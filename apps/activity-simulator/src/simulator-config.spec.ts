import { parseDuration, simulatorConfigFrom } from './simulator-config.js';

describe('simulatorConfigFrom', () => {
  it('defaults to a gentle rate with a batch of a tenth of a second', () => {
    expect(simulatorConfigFrom([], {})).toMatchObject({
      rowsPerSecond: 50,
      rows: null,
      durationSeconds: null,
      seed: 1,
      maxBatch: 5,
      backdateShare: 0.05,
      database: 'streaming_db',
      mix: { insert: 80, update: 15, delete: 5 },
    });
  });

  it('takes options over SIMULATOR_* settings', () => {
    const config = simulatorConfigFrom(['--rate', '5000', '--rows', '100000', '--seed', '7', '--mix', 'insert=1'], {
      SIMULATOR_RATE: '10',
      SIMULATOR_SEED: '3',
      SIMULATOR_BACKDATE_SHARE: '0.2',
    });
    expect(config).toMatchObject({ rowsPerSecond: 5_000, rows: 100_000, seed: 7, maxBatch: 500, backdateShare: 0.2, mix: { insert: 1, update: 0, delete: 0 } });
    expect(simulatorConfigFrom(['--duration', '5m'], {}).durationSeconds).toBe(300);
    expect(simulatorConfigFrom([], { SIMULATOR_ROWS: '2000', SIMULATOR_DURATION: '1h' })).toMatchObject({ rows: 2_000, durationSeconds: 3_600 });
  });

  it.each([
    [['--rate', '0'], {}, /--rate \(SIMULATOR_RATE\): must be a number from 0.1/],
    [[], { SIMULATOR_RATE: 'fast' }, /SIMULATOR_RATE\): must be a number/],
    [['--rows', '1.5'], {}, /--rows \(SIMULATOR_ROWS\): must be an integer/],
    [['--duration', 'soon'], {}, /--duration \(SIMULATOR_DURATION\): must be a time such as 90, 30s, 5m or 1h, got "soon"/],
    [['--mix', 'insert=5,upsert=1'], {}, /--mix \(SIMULATOR_MIX\): expected op=weight/],
    [['--backdate', '2'], {}, /--backdate \(SIMULATOR_BACKDATE_SHARE\): must be a number from 0 to 1/],
    [['--speed', '3'], {}, /Unknown option "--speed"/],
    [[], { SIMULATOR_HEALTH_PORT: '70000' }, /SIMULATOR_HEALTH_PORT/],
  ])('refuses %j %j naming the setting', (argv, env, message) => {
    expect(() => simulatorConfigFrom(argv, env)).toThrow(message);
  });
});

describe('parseDuration', () => {
  it('reads seconds, minutes and hours', () => {
    expect([parseDuration('90'), parseDuration('30s'), parseDuration('1.5m'), parseDuration('2h'), parseDuration('0'), parseDuration('-1s')]).toEqual([
      90,
      30,
      90,
      7_200,
      undefined,
      undefined,
    ]);
  });
});
