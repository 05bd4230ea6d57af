import { AssignerProtocol, type PartitionAssigner } from './kafkajs.js';

/**
 * A partition assigner for a one-member group of our own (a reader, not a worker group): it gives
 * that member the named partitions of one topic and no others, so the reader never fetches the rest.
 * KafkaJS has no manual `assign()`; without this, a reader of one partition subscribes to the whole
 * topic and its first fetch brings every partition's bytes before it can pause them.
 */
export const fixedPartitionsAssigner =
  (topic: string, partitions: readonly number[]): PartitionAssigner =>
  () => ({
    name: 'EapFixedPartitions',
    version: 0,
    assign: async ({ members }) =>
      members.map(({ memberId }, i) => ({
        memberId,
        // One member is expected; any other would get nothing rather than the same partitions twice.
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment: i === 0 ? { [topic]: [...partitions] } : {},
          userData: Buffer.alloc(0),
        }),
      })),
    protocol: ({ topics }) => ({
      name: 'EapFixedPartitions',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    }),
  });
