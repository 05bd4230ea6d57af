import { describedGroup } from './group-members.js';
import { AssignerProtocol, type GroupDescription } from './kafkajs.js';

const assignment = (a: Record<string, number[]>) => AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: a, userData: Buffer.alloc(0) });
const member = (memberId: string, clientId: string, memberAssignment: Buffer) => ({
  memberId,
  clientId,
  clientHost: '/127.0.0.1',
  memberAssignment,
  memberMetadata: Buffer.alloc(0),
});

describe('describedGroup', () => {
  it('decodes each member’s assigned partitions and sorts the members by clientId', () => {
    const g: GroupDescription = {
      groupId: 'agg',
      protocol: 'RoundRobinAssigner',
      protocolType: 'consumer',
      state: 'Stable',
      members: [
        member('m-2', 'summary-aggregator/agg-2@127.0.0.1:41873', assignment({ processed: [2] })),
        member('m-1', 'summary-aggregator/agg-1@127.0.0.1:9465', assignment({ processed: [1, 0] })),
      ],
    };
    expect(describedGroup('agg', g)).toEqual({
      groupId: 'agg',
      state: 'Stable',
      members: [
        { memberId: 'm-1', clientId: 'summary-aggregator/agg-1@127.0.0.1:9465', clientHost: '127.0.0.1', assignment: { processed: [0, 1] } },
        { memberId: 'm-2', clientId: 'summary-aggregator/agg-2@127.0.0.1:41873', clientHost: '127.0.0.1', assignment: { processed: [2] } },
      ],
    });
  });

  it('gives no partitions to a member without an assignment yet (a rebalance), and Dead to an unknown group', () => {
    const g: GroupDescription = {
      groupId: 'p',
      protocol: '',
      protocolType: 'consumer',
      state: 'PreparingRebalance',
      members: [member('m', 'x', Buffer.alloc(0))],
    };
    expect(describedGroup('p', g).members[0]?.assignment).toEqual({});
    expect(describedGroup('gone', undefined)).toEqual({ groupId: 'gone', state: 'Dead', members: [] });
  });
});
