export * from './config-error.js';
export * from './pipeline-names.js';
export * from './env-settings.js';
export * from './command-line.js';
export * from './settings-read-by.js';
