import { kafkaNodes, quorumVoters, type KafkaNode } from '../kafka-cluster.js';
import type { StackSettings } from '../stack-settings.js';

/**
 * A combined broker+controller's server.properties. One node: a single-voter quorum found through
 * `controller.quorum.bootstrap.servers`, replication 1 everywhere. Three: the static quorum
 * `controller.quorum.voters`, replication 3 and min ISR 2 for every topic and internal topic.
 */
export const kafkaServerProperties = (s: StackSettings, dataDir: string, node: KafkaNode = kafkaNodes(s)[0]!): string => {
  const three = s.kafkaBrokers === 3;
  const broker = `${s.host}:${node.brokerPort}`;
  const controller = `${s.host}:${node.controllerPort}`;
  const replicas = three ? '3' : '1';
  const minIsr = three ? '2' : '1';
  return [
    'process.roles=broker,controller',
    `node.id=${node.id}`,
    three ? `controller.quorum.voters=${quorumVoters(s)}` : `controller.quorum.bootstrap.servers=${controller}`,
    `listeners=PLAINTEXT://${broker},CONTROLLER://${controller}`,
    `advertised.listeners=PLAINTEXT://${broker},CONTROLLER://${controller}`,
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    `default.replication.factor=${replicas}`,
    // one broker: the default (1); three: an acks=all write survives one broker down, not two
    ...(three ? [`min.insync.replicas=${minIsr}`] : []),
    `offsets.topic.replication.factor=${replicas}`,
    'offsets.topic.num.partitions=10',
    `transaction.state.log.replication.factor=${replicas}`,
    `transaction.state.log.min.isr=${minIsr}`,
    'transaction.state.log.num.partitions=10',
    `share.coordinator.state.topic.replication.factor=${replicas}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    'group.initial.rebalance.delay.ms=0',
    'group.coordinator.rebalance.protocols=classic,consumer',
    'num.network.threads=2',
    'num.io.threads=2',
    'auto.create.topics.enable=false',
    // Committed offsets (and the re-delivery state in their metadata) live as long as the data: a
    // pipeline stopped for weeks resumes where it was (Kafka's default forgets them after 7 days).
    'offsets.retention.minutes=2147483647',
    'message.max.bytes=8388608',
    '',
  ].join('\n');
};
