import { AssignerProtocol, type GroupDescription } from './kafkajs.js';

/** One member of a consumer group, as the group coordinator describes it. */
export interface ConsumerGroupMember {
  readonly memberId: string;
  readonly clientId: string;
  /** The address the member connects from, as the broker sees it (without Kafka's leading `/`). */
  readonly clientHost: string;
  /** The partitions assigned to it, per topic, in ascending order; empty while the group rebalances. */
  readonly assignment: Readonly<Record<string, readonly number[]>>;
}

/** A consumer group's state (Stable, Empty, PreparingRebalance, Dead, ...) and its members. */
export interface ConsumerGroupDescription {
  readonly groupId: string;
  readonly state: string;
  readonly members: readonly ConsumerGroupMember[];
}

const assignmentOf = (buffer: Buffer): Readonly<Record<string, readonly number[]>> => {
  if (buffer.length === 0) return {};
  const decoded = AssignerProtocol.MemberAssignment.decode(buffer);
  return Object.fromEntries(Object.entries(decoded?.assignment ?? {}).map(([topic, partitions]) => [topic, [...partitions].sort((a, b) => a - b)]));
};

/** Decodes what KafkaJS's `describeGroups` gives for one group (members sorted by clientId, then memberId). */
export const describedGroup = (groupId: string, g: GroupDescription | undefined): ConsumerGroupDescription => ({
  groupId,
  state: g?.state ?? 'Dead',
  members: (g?.members ?? [])
    .map((m) => ({ memberId: m.memberId, clientId: m.clientId, clientHost: m.clientHost.replace(/^\//, ''), assignment: assignmentOf(m.memberAssignment) }))
    .sort((a, b) => a.clientId.localeCompare(b.clientId) || a.memberId.localeCompare(b.memberId)),
});
