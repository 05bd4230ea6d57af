export * from './percentiles.js';
export * from './debezium-event-factory.js';
export * from './throughput-bench.js';
export * from './latency-bench.js';
