export * from './test-stack.js';
export * from './embedded-test-stack.js';
export * from './test-pipeline.js';
export * from './compose-test-stack.js';
export * from './test-stack-provider.js';
export * from './app-process.js';
