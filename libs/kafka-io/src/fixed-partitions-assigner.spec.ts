import { fixedPartitionsAssigner } from './fixed-partitions-assigner.js';
import { AssignerProtocol } from './kafkajs.js';

const assigner = (topic: string, partitions: number[]) =>
  fixedPartitionsAssigner(topic, partitions)({ cluster: {} as never, groupId: 'g', logger: {} as never });

describe('fixedPartitionsAssigner', () => {
  it('gives the one member the named partitions of the topic and nothing else', async () => {
    const out = await assigner('changelog', [2]).assign({ members: [{ memberId: 'm-1', memberMetadata: Buffer.alloc(0) }], topics: ['changelog'] });
    expect(out.map((o) => [o.memberId, AssignerProtocol.MemberAssignment.decode(o.memberAssignment)?.assignment])).toEqual([['m-1', { changelog: [2] }]]);
  });

  it('gives a second member nothing rather than the same partitions twice', async () => {
    const members = ['m-1', 'm-2'].map((memberId) => ({ memberId, memberMetadata: Buffer.alloc(0) }));
    const out = await assigner('changelog', [0, 1]).assign({ members, topics: ['changelog'] });
    expect(out.map((o) => AssignerProtocol.MemberAssignment.decode(o.memberAssignment)?.assignment)).toEqual([{ changelog: [0, 1] }, {}]);
  });

  it('announces the topics it reads in its protocol metadata', () => {
    const { name, metadata } = assigner('changelog', [0]).protocol({ topics: ['changelog'] });
    expect(name).toBe('EapFixedPartitions');
    expect(AssignerProtocol.MemberMetadata.decode(metadata)?.topics).toEqual(['changelog']);
  });
});
