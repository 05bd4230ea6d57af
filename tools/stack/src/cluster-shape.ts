import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_COMPONENT_NAMES, kafkaComponentNames, type KafkaComponentName, type StackPaths } from './stack-paths.js';
import type { StackSettings } from './stack-settings.js';

const metaFile = (p: StackPaths, n: KafkaComponentName) => join(p.kafkaNodeDir(n), 'data', 'meta.properties');

/** The Kafka nodes whose storage is formatted in this stack folder, of either shape. */
export const formattedKafkaNodes = (p: StackPaths): readonly KafkaComponentName[] => KAFKA_COMPONENT_NAMES.filter((n) => existsSync(metaFile(p, n)));

/** The Kafka nodes of the other shape (1 broker vs 3): their folders hold no data of this shape. */
export const otherShapeKafkaNodes = (s: StackSettings): readonly KafkaComponentName[] => {
  const ours = new Set(kafkaComponentNames(s.kafkaBrokers));
  return KAFKA_COMPONENT_NAMES.filter((n) => !ours.has(n));
};

/**
 * Why this stack folder cannot run the cluster STACK_KAFKA_BROKERS asks for (its Kafka storage was
 * formatted for the other shape), or undefined when it can.
 */
export const clusterShapeProblem = (s: StackSettings, p: StackPaths): string | undefined => {
  const other = new Set(otherShapeKafkaNodes(s));
  const found = formattedKafkaNodes(p).filter((n) => other.has(n));
  if (found.length === 0) return undefined;
  const otherCount = s.kafkaBrokers === 1 ? 3 : 1;
  return (
    `STACK_KAFKA_BROKERS=${s.kafkaBrokers}, but ${p.stackDir} holds a ${otherCount}-broker Kafka cluster (${found.map((n) => `${n}/data`).join(', ')}): ` +
    `storage formatted for one cluster shape cannot be reused. Run with STACK_KAFKA_BROKERS=${otherCount}, ` +
    'or wipe the stack (all its data, PostgreSQL included) with `npm run stack -- reset` first'
  );
};

/** The cluster id an already formatted node of `nodes` carries, so a node formatted later joins the same cluster. */
export const existingClusterId = (p: StackPaths, nodes: readonly KafkaComponentName[]): string | undefined => {
  for (const n of nodes) {
    try {
      const id = /^cluster\.id=(.+)$/m.exec(readFileSync(metaFile(p, n), 'utf8'))?.[1]?.trim();
      if (id) return id;
    } catch {
      // not formatted yet
    }
  }
  return undefined;
};
