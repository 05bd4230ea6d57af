export * from './windowing-config.js';
export * from './window-input.js';
export * from './activity-summary.js';
export * from './window-output.js';
// The snapshot form (snapshot(), restoreWindowAggregator) serves the property tests and the windowing
// benchmark, which import it from its file; the apps restore from the changelog.
export {
  createWindowAggregator,
  restoreFromChangelog,
  type ChangelogRestore,
  type WindowAggregator,
  type WindowAggregatorOptions,
  type WindowStats,
} from './window-aggregator.js';
export * from './window-changelog.js';
export { MICROS_PER_HOUR } from './window-time.js';
export * from './settings-agreement.js';
export { createWindowRetention, type WindowRetention } from './window-retention.js';
