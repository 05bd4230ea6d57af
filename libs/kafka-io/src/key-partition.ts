import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (key: string | Buffer) => number;

/**
 * The partition our producers (KafkaJS's DefaultPartitioner, as Java's) give a keyed record:
 * murmur2 of the key bytes, made positive, modulo the partition count.
 */
export const partitionOfKey = (key: string | Buffer, partitions: number): number => (murmur2(key) & 0x7fffffff) % partitions;
