import { ConfigError } from './config-error.js';
import { describeFailure, PipelineError } from './pipeline-error.js';

describe('pipeline errors', () => {
  it('a bad setting is a config error naming the setting, not retriable', () => {
    const e = new ConfigError('KAFKA_BROKERS', 'must be host:port');
    expect(e).toBeInstanceOf(PipelineError);
    expect({ kind: e.kind, code: e.code, retriable: e.retriable, setting: e.setting, message: e.message }).toEqual({
      kind: 'config',
      code: 'bad_setting',
      retriable: false,
      setting: 'KAFKA_BROKERS',
      message: 'KAFKA_BROKERS: must be host:port',
    });
  });

  it('keeps the cause', () => {
    const cause = new Error('ECONNREFUSED');
    expect(new PipelineError('connection', 'kafka_unreachable', 'no broker', { retriable: true, cause }).cause).toBe(cause);
  });

  it('describes a connection failure with what to do, an expected failure by its message, and a bug by its stack', () => {
    expect(describeFailure(new PipelineError('connection', 'kafka_unreachable', 'no broker at 127.0.0.1:9092'))).toEqual({
      expected: true,
      text: 'a dependency is not reachable (no broker at 127.0.0.1:9092); is the stack up? npm run stack -- up',
    });
    expect(describeFailure(new ConfigError('PGPORT', 'must be a port'))).toEqual({ expected: true, text: 'PGPORT: must be a port' });
    const bug = describeFailure(new TypeError('x is undefined'));
    expect(bug.expected).toBe(false);
    expect(bug.text).toMatch(/^TypeError: x is undefined\n\s+at /);
  });
});
