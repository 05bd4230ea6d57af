
import { enrichmentRules } from './enrichment-rules.js';

describe('enrichmentRules', () => {
  it('should work', () => {
    expect(enrichmentRules()).toEqual('enrichment-rules');

  });
});
