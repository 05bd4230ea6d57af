export * from './config-error.js';
export * from './pipeline-names.js';
