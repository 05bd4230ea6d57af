export * from './lib/avro-schemas.js';
