export * from './lib/windowing.js';
