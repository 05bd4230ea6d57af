import { kafkaComponentNames, type KafkaComponentName } from './stack-paths.js';
import { PORT_STEP, type StackSettings } from './stack-settings.js';

/** One combined broker+controller of the stack's Kafka cluster. */
export interface KafkaNode {
  /** `node.id`, from 1. */
  readonly id: number;
  readonly name: KafkaComponentName;
  readonly brokerPort: number;
  readonly controllerPort: number;
  /** How far its ports are above STACK_KAFKA_PORT and STACK_CONTROLLER_PORT: 0, 100, 200. */
  readonly portOffset: number;
}

/** The nodes: `kafka` (id 1) alone, or `kafka-1`..`kafka-3`, node i on the base ports + 100 × (i - 1). */
export const kafkaNodes = (s: StackSettings): readonly KafkaNode[] =>
  kafkaComponentNames(s.kafkaBrokers).map((name, i) => ({
    id: i + 1,
    name,
    brokerPort: s.ports.kafka + PORT_STEP * i,
    controllerPort: s.ports.controller + PORT_STEP * i,
    portOffset: PORT_STEP * i,
  }));

/** Every broker's address: what each client gets as its bootstrap list. */
export const kafkaBootstrap = (s: StackSettings): readonly string[] => kafkaNodes(s).map((n) => `${s.host}:${n.brokerPort}`);

/** The static quorum of three: `1@host:9093,2@host:9193,3@host:9293`. */
export const quorumVoters = (s: StackSettings): string =>
  kafkaNodes(s)
    .map((n) => `${n.id}@${s.host}:${n.controllerPort}`)
    .join(',');
