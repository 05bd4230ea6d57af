export * from './lib/debezium-envelope.js';
