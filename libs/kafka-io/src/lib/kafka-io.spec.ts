import { kafkaIo } from './kafka-io.js';

describe('kafkaIo', () => {
  it('should work', () => {
    expect(kafkaIo()).toEqual('kafka-io');
  })
})
