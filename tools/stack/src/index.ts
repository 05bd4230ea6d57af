export * from './stack-settings.js';
export * from './stack-paths.js';
export * from './stack-error.js';
export * from './stack-status.js';
export * from './stack-controller.js';
export { stackPgConnection } from './components/postgres-component.js';
export { kafkaServerProperties } from './components/kafka-component.js';
export { connectWorkerProperties } from './components/connect-component.js';
