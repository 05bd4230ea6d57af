// First: KafkaJS must load with our read_committed filter in place.
import './kafkajs-read-committed-fix.js';
export * from './aborted-transaction-filter.js';
export * from './kafka-client-factory.js';
export * from './broker-probe.js';
export * from './topic-admin.js';
export * from './record-reader.js';
export * from './kafka-io-error.js';
export * from './kafka-records.js';
export * from './partition-transactor.js';
export * from './exactly-once-loop.js';
export * from './schema-registry-codec.js';
export * from './topic-follower.js';
export * from './plain-passthrough.js';
export * from './partition-reader.js';
export * from './dead-letter-record.js';
export * from './retry-retriable.js';
export * from './partition-offsets.js';
