import { judgeInputPosition, type InputPartitionView } from './input-positions.js';

const view = (committed: bigint, low: bigint, high: bigint, outputsExist = true): InputPartitionView => ({
  topic: 'in',
  partition: 0,
  committed,
  range: { low, high },
  outputsExist,
});

describe('judgeInputPosition', () => {
  it('lets a first start (no outputs) and a position inside the partition resume', () => {
    expect(judgeInputPosition(view(-1n, 0n, 10n, false))).toBeUndefined();
    expect(judgeInputPosition(view(-1n, 0n, 0n, true))).toBeUndefined();
    expect(judgeInputPosition(view(0n, 0n, 0n))).toBeUndefined();
    expect(judgeInputPosition(view(10n, 5n, 10n))).toBeUndefined();
  });

  it('refuses a lost position when outputs exist, naming the fix', () => {
    expect(judgeInputPosition(view(-1n, 0n, 10n))).toMatchObject({
      kind: 'no_committed_position',
      message: expect.stringContaining('npm run pipeline -- rebuild'),
    });
  });

  it('refuses positions outside the partition with the numbers', () => {
    expect(judgeInputPosition(view(3n, 5n, 10n))?.message).toContain('records 3..4 were deleted');
    expect(judgeInputPosition(view(11n, 0n, 10n))).toMatchObject({ kind: 'beyond_end', message: expect.stringContaining('beyond the end 10') });
    expect(judgeInputPosition(view(3n, 5n, 10n))).toMatchObject({ kind: 'out_of_range' });
    expect(judgeInputPosition(view(-1n, 7n, 10n, false))?.message).toContain('records 0..6 were already deleted');
  });
});
