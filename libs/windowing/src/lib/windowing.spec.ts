import { windowing } from './windowing.js';

describe('windowing', () => {
  it('should work', () => {
    expect(windowing()).toEqual('windowing');
  })
})
