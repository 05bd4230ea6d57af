export * from './kafka-client-factory.js';
export * from './broker-probe.js';
export * from './topic-admin.js';
export * from './record-reader.js';
