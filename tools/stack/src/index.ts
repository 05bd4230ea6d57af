export * from './lib/stack.js';
