import type { ConsumerGroupMember } from '@eap/kafka-io';
import { healthServerUrl, parseMemberClientId } from '@eap/pipeline-config';
import type { GroupMember, GroupPartitionLag } from './pipeline-snapshot.js';
import { oldestLagSeconds } from './lag-seconds.js';

/** A health server bound to every interface is reached where its instance connects to Kafka from. */
const EVERY_INTERFACE = new Set(['0.0.0.0', '::']);

const byInstance = (a: GroupMember, b: GroupMember) =>
  (a.instanceId === null ? 1 : 0) - (b.instanceId === null ? 1 : 0) ||
  (a.instanceId ?? a.clientId).localeCompare(b.instanceId ?? b.clientId, 'en', { numeric: true }) ||
  a.memberId.localeCompare(b.memberId);

/**
 * Each member of a group reading `topic`: its instance and health server from its clientId, the
 * partitions of `topic` assigned to it, and their summed lag. Sorted by instance id, unknown ones last.
 */
export const groupMemberDetails = (
  members: readonly ConsumerGroupMember[],
  topic: string,
  partitions: readonly GroupPartitionLag[],
): readonly GroupMember[] => {
  const byPartition = new Map(partitions.map((p) => [p.partition, p]));
  return members
    .map((m): GroupMember => {
      const id = parseMemberClientId(m.clientId);
      const owned = m.assignment[topic] ?? [];
      const healthHost = id && EVERY_INTERFACE.has(id.healthHost) && m.clientHost ? m.clientHost : id?.healthHost;
      return {
        memberId: m.memberId,
        clientId: m.clientId,
        instanceId: id?.instanceId ?? null,
        host: m.clientHost,
        healthAddress: id && healthHost ? healthServerUrl(healthHost, id.healthPort) : null,
        partitions: owned,
        lag: owned.reduce((n, p) => n + (byPartition.get(p)?.lag ?? 0n), 0n),
        lagSeconds: oldestLagSeconds(owned.flatMap((p) => byPartition.get(p) ?? [])),
      };
    })
    .sort(byInstance);
};
