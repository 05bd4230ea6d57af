import { enrichmentSettings, type EnrichmentConfig } from '@eap/enrichment-rules';
import { defineSettings, processorMaxValueBytesSetting, type Env } from '@eap/pipeline-config';
import { windowingSettings } from '@eap/windowing';

export interface RedriveSettings {
  readonly maxValueBytes: number;
  readonly enrichment: EnrichmentConfig;
  /**
   * WINDOW_RETENTION_HOURS when it is set: what the aggregators run with now, for judging late rows
   * (null: the retention they last committed with, from their offsets' metadata).
   */
  readonly retentionHours: number | null;
}

/** What `dlq redrive` needs to apply the apps' rules as they do: the same settings. */
export const redriveSettings = defineSettings(
  'dlq-redrive',
  { maxValueBytes: processorMaxValueBytesSetting, enrichment: enrichmentSettings, windowing: windowingSettings },
  {
    map: ({ maxValueBytes, enrichment, windowing }, env): RedriveSettings => ({
      maxValueBytes,
      enrichment,
      retentionHours: env['WINDOW_RETENTION_HOURS'] === undefined ? null : windowing.retentionHours,
    }),
  },
);

export const redriveSettingsFromEnv = (env: Env): RedriveSettings => redriveSettings(env);
