import { isRetriableKafkaError, retryRetriable } from './retry-retriable.js';

const notLeader = () =>
  Object.assign(new Error('This server is not the leader for that topic-partition'), { type: 'NOT_LEADER_FOR_PARTITION', retriable: true });

describe('retryRetriable', () => {
  it('tries again after retriable errors, with growing jittered delays, and returns the result', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retryRetriable(
      async () => {
        calls++;
        if (calls < 4) throw notLeader();
        return 'offsets';
      },
      { sleep: async (ms) => void delays.push(ms), random: () => 1, initialDelayMs: 100 },
    );
    expect(result).toBe('offsets');
    expect(calls).toBe(4);
    expect(delays).toEqual([120, 240, 480]);
  });

  it('caps the delay and gives up after the last retry with the last error', async () => {
    const delays: number[] = [];
    let calls = 0;
    await expect(
      retryRetriable(
        async () => {
          calls++;
          throw notLeader();
        },
        { retries: 5, maxDelayMs: 300, sleep: async (ms) => void delays.push(ms), random: () => 0 },
      ),
    ).rejects.toThrow('not the leader');
    expect(calls).toBe(6);
    expect(Math.max(...delays)).toBe(240);
  });

  it('never retries a programmer or configuration error', async () => {
    let calls = 0;
    await expect(
      retryRetriable(
        async () => {
          calls++;
          throw new TypeError('topic must be a string');
        },
        { sleep: async () => undefined },
      ),
    ).rejects.toThrow(TypeError);
    expect(calls).toBe(1);
  });
});

describe('isRetriableKafkaError', () => {
  it('reads the retriable flag, a wrapped original error and known transient codes', () => {
    expect(isRetriableKafkaError(notLeader())).toBe(true);
    expect(isRetriableKafkaError({ originalError: { retriable: true } })).toBe(true);
    expect(isRetriableKafkaError({ type: 'LEADER_NOT_AVAILABLE' })).toBe(true);
    expect(isRetriableKafkaError({ type: 'TOPIC_AUTHORIZATION_FAILED', retriable: false })).toBe(false);
    expect(isRetriableKafkaError(new Error('boom'))).toBe(false);
    expect(isRetriableKafkaError(null)).toBe(false);
  });
});
