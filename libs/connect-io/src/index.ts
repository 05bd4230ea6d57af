export * from './connect-error.js';
export * from './connect-rest-client.js';
export * from './connector-config-builder.js';
export * from './connector-registrar.js';
export * from './connector-format.js';
