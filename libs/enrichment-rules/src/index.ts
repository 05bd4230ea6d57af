export * from './lib/enrichment-rules.js';
