// `@eap/kafka-io/bench`: what only the benchmarks use (a baseline without transactions), kept out of
// the adapter's API that apps and libs build on.
export * from './plain-passthrough.js';
