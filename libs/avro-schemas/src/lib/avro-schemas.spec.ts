import { avroSchemas } from './avro-schemas.js';

describe('avroSchemas', () => {
  it('should work', () => {
    expect(avroSchemas()).toEqual('avro-schemas');
  })
})
