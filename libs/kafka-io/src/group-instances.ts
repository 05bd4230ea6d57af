import { parseMemberClientId } from '@eap/pipeline-config';
import type { KafkaClientOptions } from './kafka-client-factory.js';
import { createTopicAdmin } from './topic-admin.js';

/** The instance ids of a consumer group's members now (members with a foreign clientId are left out). */
export const groupInstanceIds = async ({ kafka, groupId }: { kafka: KafkaClientOptions; groupId: string }): Promise<readonly string[]> => {
  const admin = await createTopicAdmin({ brokers: kafka.brokers, clientId: `${kafka.clientId ?? 'pipeline'}-members` });
  try {
    const { members } = await admin.describeGroup(groupId);
    return members.flatMap((m) => {
      const parsed = parseMemberClientId(m.clientId);
      return parsed ? [parsed.instanceId] : [];
    });
  } finally {
    await admin.close();
  }
};
