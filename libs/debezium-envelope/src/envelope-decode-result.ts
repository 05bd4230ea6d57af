import type { ChangeEvent } from './change-event.js';
import type { Rejection } from './envelope-rejection.js';

/** The three forms users meet: the JSON converter with and without schemas, and registry Avro. */
export type EnvelopeForm = 'json-with-schema' | 'json' | 'avro';

/** A decoded Kafka record value: a change event, a tombstone (null value after a delete), or why not. */
export type EnvelopeDecodeResult =
  { readonly kind: 'event'; readonly event: ChangeEvent; readonly form: EnvelopeForm } | { readonly kind: 'tombstone' } | Rejection;

export interface DecodeOptions {
  /** Values above this size are rejected as `too_large` before parsing. Default 1 MiB. */
  readonly maxBytes?: number;
}

export const defaultMaxValueBytes = 1_048_576;
