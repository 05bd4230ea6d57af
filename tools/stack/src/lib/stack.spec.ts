import { stack } from './stack.js';

describe('stack', () => {
  it('should work', () => {
    expect(stack()).toEqual('stack');
  })
})
