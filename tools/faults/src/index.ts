export * from './fault-plan.js';
export * from './fault-outcome.js';
export * from './recovery-times.js';
