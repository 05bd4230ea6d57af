export * from './lib/pg-io.js';
