export * from './seeded-random.js';
export * from './traffic-vocabulary.js';
export * from './activity-row-generator.js';
export * from './traffic-mix.js';
export * from './traffic-planner.js';
export * from './rate-pacer.js';
export * from './traffic-progress.js';
export * from './traffic-runner.js';
