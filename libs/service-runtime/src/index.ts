export * from './json-logger.js';
export * from './health-server.js';
export * from './shutdown-signals.js';
export { Registry, Counter, Gauge, Histogram } from 'prom-client';
export * from './startup-error.js';
export * from './accept-command-line.js';
export * from './run-service.js';
export * from './loop-event-sink.js';
