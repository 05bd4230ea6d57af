import { ConfigError } from '@eap/pipeline-config';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { KafkaIoError } from './kafka-io-error.js';
import { connectClient, kafkaIoErrorOf } from './kafka-error-mapping.js';

describe('KafkaJS errors at the adapter boundary', () => {
  it('no broker answering is a retriable connection error, with the KafkaJS error as its cause', () => {
    const cause = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    const e = kafkaIoErrorOf(cause, { topic: 't' }) as KafkaIoError;
    expect(e).toBeInstanceOf(KafkaIoError);
    expect({ kind: e.kind, code: e.code, retriable: e.retriable, topic: e.context.topic, cause: e.cause }).toEqual({
      kind: 'connection',
      code: 'not_reachable',
      retriable: true,
      topic: 't',
      cause,
    });
    expect((kafkaIoErrorOf(new KafkaJSNumberOfRetriesExceeded(cause, { retryCount: 5, retryTime: 100 })) as KafkaIoError).code).toBe('not_reachable');
  });

  it('another KafkaJS error keeps whether KafkaJS would retry it', () => {
    const e = kafkaIoErrorOf(Object.assign(new KafkaJSProtocolError('not leader'), { type: 'NOT_LEADER_FOR_PARTITION', retriable: true })) as KafkaIoError;
    expect({ kind: e.kind, code: e.code, retriable: e.retriable }).toEqual({ kind: 'protocol', code: 'kafka_failed', retriable: true });
  });

  it('leaves our errors and bugs as they are', () => {
    const ours = new ConfigError('KAFKA_BROKERS', 'bad');
    const bug = new TypeError('undefined is not a function');
    expect(kafkaIoErrorOf(ours)).toBe(ours);
    expect(kafkaIoErrorOf(bug)).toBe(bug);
  });

  it('maps a failed connect', async () => {
    await expect(connectClient({ connect: () => Promise.reject(new KafkaJSConnectionError('refused')) })).rejects.toMatchObject({ code: 'not_reachable' });
  });
});
