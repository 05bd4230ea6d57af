import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { groupMessagesPerPartition, type GroupingInput } from './kafkajs-linear-grouping.js';

const require = createRequire(__filename);
const path = require.resolve('kafkajs/src/producer/groupMessagesPerPartition.js');
// KafkaJS's own function, evaluated from its source (the module cache holds ours once kafka-io is loaded).
const original = new Function('module', `${readFileSync(path, 'utf8')}; return module.exports;`)({}) as <M>(input: GroupingInput<M>) => Record<number, M[]>;

describe('groupMessagesPerPartition (linear)', () => {
  it('gives what KafkaJS’s own gives: each partition’s messages in their order', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20; round++) {
      const partitions = 1 + Math.floor(random() * 6);
      const messages = Array.from({ length: Math.floor(random() * 300) }, (_, i) => ({ i, partition: Math.floor(random() * partitions) }));
      const input = {
        topic: 't',
        partitionMetadata: Array.from({ length: partitions }, (_, p) => ({ partitionId: p })),
        messages,
        partitioner: ({ message }: { message: { partition: number } }) => message.partition,
      };
      expect(groupMessagesPerPartition(input)).toEqual(original(input));
    }
  });

  it('gives nothing when the topic has no partition metadata, as KafkaJS’s does', () => {
    const input = { topic: 't', partitionMetadata: [], messages: [1, 2], partitioner: () => 0 };
    expect(groupMessagesPerPartition(input)).toEqual({});
    expect(original(input)).toEqual({});
  });

  it('is the one in KafkaJS’s module cache once kafka-io’s KafkaJS module is loaded', async () => {
    await import('./kafkajs.js');
    expect(require.cache[path]?.exports).toBe(groupMessagesPerPartition);
  });
});
