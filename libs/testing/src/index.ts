export * from './test-stack.js';
export * from './embedded-test-stack.js';
export * from './test-stack-setup.js';
export * from './test-pipeline.js';
