export * from './kafka-client-factory.js';
export * from './broker-probe.js';
export * from './topic-admin.js';
export * from './record-reader.js';
export * from './kafka-io-error.js';
export * from './kafka-records.js';
export * from './partition-transactor.js';
export * from './exactly-once-loop.js';
