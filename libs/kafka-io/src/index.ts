export * from './lib/kafka-io.js';
