export * from './pipeline-args.js';
