export * from './windowing-config.js';
export * from './window-input.js';
export * from './activity-summary.js';
export * from './window-output.js';
export * from './window-aggregator.js';
export * from './window-changelog.js';
export { MICROS_PER_HOUR } from './window-time.js';
