import type { GroupMember } from '@eap/pipeline-ops';
import { memberChanges, recentChanges } from './member-changes.js';

const member = (memberId: string, instanceId: string | null, clientId = `summary-aggregator/${instanceId}@127.0.0.1:9465`): GroupMember => ({
  memberId,
  clientId,
  instanceId,
  host: '127.0.0.1',
  healthAddress: null,
  partitions: [],
  lag: 0n,
  lagSeconds: 0,
});

describe('member changes', () => {
  it('tells who left and who joined between two reads, by member id', () => {
    const before = [member('m-1', 'agg-1'), member('m-2', 'agg-2')];
    const after = [member('m-1', 'agg-1'), member('m-3', 'agg-3'), member('m-4', null, 'summary-aggregator')];
    expect(memberChanges(before, after, 5_000)).toEqual([
      { kind: 'left', memberId: 'm-2', label: 'agg-2', at: 5_000 },
      { kind: 'joined', memberId: 'm-3', label: 'agg-3', at: 5_000 },
      { kind: 'joined', memberId: 'm-4', label: 'summary-aggregator', at: 5_000 },
    ]);
    expect(memberChanges(before, before, 5_000)).toEqual([]);
  });

  it('shows a restarted instance (a new member id) as having left and joined', () => {
    expect(memberChanges([member('m-1', 'agg-1')], [member('m-9', 'agg-1')], 1).map((c) => `${c.label} ${c.kind}`)).toEqual(['agg-1 left', 'agg-1 joined']);
  });

  it('keeps the changes of the last minute', () => {
    const changes = [
      { kind: 'left', memberId: 'a', label: 'a', at: 0 },
      { kind: 'joined', memberId: 'b', label: 'b', at: 30_000 },
    ] as const;
    expect(recentChanges(changes, 59_999).map((c) => c.memberId)).toEqual(['a', 'b']);
    expect(recentChanges(changes, 60_000).map((c) => c.memberId)).toEqual(['b']);
    expect(recentChanges(changes, 90_000)).toEqual([]);
  });
});
