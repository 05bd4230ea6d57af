export * from './processed-activity-schema.js';
export * from './activity-summary-schema.js';
