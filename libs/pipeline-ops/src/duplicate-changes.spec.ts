import { createDuplicateFinder } from './duplicate-changes.js';

const change = (partition: number, source_lsn: number, id: number | null, row_kind: string) => ({ partition, row_kind, id, source_lsn, source_tx_id: 7 });

describe('createDuplicateFinder', () => {
  it('finds the same change twice on a partition, even when an add and its retraction both repeat', () => {
    const finder = createDuplicateFinder();
    [change(0, 10, 1, '+I'), change(0, 20, 1, '-D'), change(0, 10, 1, '+I'), change(0, 20, 1, '-D'), change(1, 10, 1, '+I')].forEach((c) => finder.add(c));
    expect(finder.result()).toEqual({ count: 2, examples: ['0:10/7/1/+I', '0:20/7/1/-D'] });
  });

  it('tells the rows of a COPY apart, and starts over after a T on that partition', () => {
    const finder = createDuplicateFinder();
    [change(0, 10, 1, '+I'), change(0, 10, 2, '+I'), change(0, 99, null, 'T'), change(0, 10, 1, '+I'), change(1, 10, 2, '+I')].forEach((c) => finder.add(c));
    expect(finder.result().count).toBe(0);
  });
});
