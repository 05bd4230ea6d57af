import { debeziumEnvelope } from './debezium-envelope.js';

describe('debeziumEnvelope', () => {
  it('should work', () => {
    expect(debeziumEnvelope()).toEqual('debezium-envelope');
  })
})
