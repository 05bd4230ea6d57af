export * from './config-error.js';
export * from './pipeline-names.js';
export * from './env-settings.js';
