import { pgIo } from './pg-io.js';

describe('pgIo', () => {
  it('should work', () => {
    expect(pgIo()).toEqual('pg-io');
  })
})
